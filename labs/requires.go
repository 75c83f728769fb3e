package labs

// requires validates the steps' « requires » lists: each names a step of the lab that
// comes earlier (so the order a student follows satisfies it, and no cycle can form),
// not the step itself, and no id twice.
func (v *validator) requires(steps []rawStep) {
	index := map[string]int{}
	for i, rs := range steps {
		if _, dup := index[rs.ID]; !dup {
			index[rs.ID] = i
		}
	}
	for i, rs := range steps {
		seen := map[string]bool{}
		for j, id := range rs.Requires {
			at := v.line("steps", i, "requires", j)
			k, known := index[id]
			switch {
			case seen[id]:
				v.add(at, "labs.problem.requires.twice", "ID", rs.ID, "Req", id)
			case id == rs.ID:
				v.add(at, "labs.problem.requires.itself", "ID", rs.ID)
			case !known:
				v.add(at, "labs.problem.requires.unknown", "ID", rs.ID, "Req", id)
			case k > i:
				v.add(at, "labs.problem.requires.later", "ID", rs.ID, "Req", id)
			}
			seen[id] = true
		}
	}
}

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
				v.add(at, "step %q requires %q twice", rs.ID, id)
			case id == rs.ID:
				v.add(at, "step %q requires itself (a cycle)", rs.ID)
			case !known:
				v.add(at, "step %q requires an unknown step %q", rs.ID, id)
			case k > i:
				v.add(at, "step %q requires %q, which comes after it: a step may only require earlier steps (this also rules out cycles)", rs.ID, id)
			}
			seen[id] = true
		}
	}
}

package cli

import (
	"sort"
	"time"

	"kubetutor/i18n"
	"kubetutor/internal/progress"
	"kubetutor/labs/catalog"
	"kubetutor/lessons"
	"kubetutor/lessons/quiz"
)

// progressReport is what kubetutor progress prints or exports: per chapter, the reading
// and the quiz scores per section; per lab, the steps.
type progressReport struct {
	User     string          `json:"user,omitempty"`
	Exported time.Time       `json:"exported"`
	Chapters []chapterReport `json:"chapters"`
	Labs     []labReport     `json:"labs"`
}

type chapterReport struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
	// SectionsRead lists the sections read, with when; sections no longer in the chapter
	// are listed but not counted in Read (lessons.Chapter.CountRead).
	SectionsRead  []readReport    `json:"sections_read"`
	Read          int             `json:"read"`
	SectionsTotal int             `json:"sections_total"`
	Position      string          `json:"position,omitempty"`
	Attempts      []attemptReport `json:"quiz_attempts"`
	// Sections scores each section on the latest answer to each question.
	Sections []sectionReport `json:"quiz_sections"`
}

// readReport is one section read and when it was first read.
type readReport struct {
	Section string    `json:"section"`
	At      time.Time `json:"at"`
}

// attemptReport is one quiz attempt. An attempt left before its summary has no
// finished time and says unfinished.
type attemptReport struct {
	ID         string    `json:"id"`
	Mode       string    `json:"mode"`
	Section    string    `json:"section,omitempty"`
	Started    time.Time `json:"started"`
	Finished   time.Time `json:"finished,omitzero"`
	Unfinished bool      `json:"unfinished,omitempty"`
	Answered   int       `json:"answered"`
	// Score is rounded as every screen shows it (i18n.RoundScore).
	Score float64 `json:"score"`
	Max   float64 `json:"max"`
}

type sectionReport struct {
	Section  string  `json:"section"`
	Points   float64 `json:"points"` // rounded (i18n.RoundScore)
	Answered int     `json:"answered"`
	Percent  int     `json:"percent"` // rounded (i18n.PercentOf)
}

// labReport is one lab: the status of each step recorded, and how many of the lab's
// steps are solved (catalog.CountSolved) out of Total.
type labReport struct {
	ID     string            `json:"id"`
	Steps  map[string]string `json:"steps"`
	Passed int               `json:"passed"`
	Total  int               `json:"total"`
}

// buildReport summarizes doc. course may be nil (an unreadable course): chapters are
// then listed by id only. steps gives the step ids of each known lab; a lab it lacks is
// counted on the steps recorded.
func buildReport(doc *progress.Document, course *lessons.Course, steps map[string][]string, user string, now time.Time) progressReport {
	r := progressReport{User: user, Exported: now.UTC(), Chapters: []chapterReport{}, Labs: []labReport{}}
	seen := map[string]bool{}
	if course != nil {
		for _, ch := range course.Chapters {
			seen[ch.ID] = true
			r.Chapters = append(r.Chapters, chapterOf(ch.ID, ch, doc.Chapters[ch.ID]))
		}
	}
	var others []string
	for id := range doc.Chapters {
		if !seen[id] {
			others = append(others, id)
		}
	}
	sort.Strings(others)
	for _, id := range others {
		r.Chapters = append(r.Chapters, chapterOf(id, nil, doc.Chapters[id]))
	}
	var labIDs []string
	for id := range doc.Labs {
		labIDs = append(labIDs, id)
	}
	sort.Strings(labIDs)
	for _, id := range labIDs {
		lr := labReport{ID: id, Steps: map[string]string{}}
		ids, known := steps[id]
		for sid, st := range doc.Labs[id].Steps {
			lr.Steps[sid] = st.Status
			if !known {
				ids = append(ids, sid)
			}
		}
		lr.Passed, lr.Total = catalog.CountSolved(ids, doc.Labs[id]), len(ids)
		r.Labs = append(r.Labs, lr)
	}
	return r
}

func chapterOf(id string, ch *lessons.Chapter, p *progress.Chapter) chapterReport {
	cr := chapterReport{ID: id, SectionsRead: []readReport{}, Attempts: []attemptReport{}, Sections: []sectionReport{}}
	order := map[string]int{}
	var read map[string]time.Time
	if p != nil {
		read = p.SectionsRead
	}
	if ch != nil {
		cr.Title = ch.Title
		cr.Read, cr.SectionsTotal = ch.CountRead(func(id string) bool { _, ok := read[id]; return ok })
		for i, s := range ch.All() {
			order[s.ID] = i
		}
	} else {
		cr.Read = len(read)
	}
	if p == nil {
		return cr
	}
	for s, at := range p.SectionsRead {
		cr.SectionsRead = append(cr.SectionsRead, readReport{Section: s, At: at})
	}
	sort.Slice(cr.SectionsRead, func(i, j int) bool {
		return less(order, cr.SectionsRead[i].Section, cr.SectionsRead[j].Section)
	})
	if p.Position != nil {
		cr.Position = p.Position.Section
	}
	latest := map[string]progress.Answer{}
	for _, a := range p.Quizzes {
		cr.Attempts = append(cr.Attempts, attemptReport{ID: a.ID, Mode: a.Mode, Section: a.Section,
			Started: a.Started, Finished: a.Finished, Unfinished: a.Unfinished(), Answered: len(a.Answers),
			Score: i18n.RoundScore(a.Score), Max: a.Max})
		for _, ans := range a.Answers {
			if ans.Pending {
				continue // written, not assessed yet: no points to count
			}
			if prev, ok := latest[ans.Question]; !ok || !ans.At.Before(prev.At) {
				latest[ans.Question] = ans
			}
		}
	}
	var scored []quiz.Scored
	for _, ans := range latest {
		scored = append(scored, quiz.Scored{Section: ans.Section, Points: ans.Points})
	}
	sort.Slice(scored, func(i, j int) bool { return less(order, scored[i].Section, scored[j].Section) })
	by, _ := quiz.Tally(scored)
	for _, s := range by {
		cr.Sections = append(cr.Sections, sectionReport{Section: s.Section, Points: i18n.RoundScore(s.Points),
			Answered: s.Max, Percent: s.Percent()})
	}
	return cr
}

// less orders section ids by their place in the chapter, unknown ones last by name.
func less(order map[string]int, a, b string) bool {
	ia, oka := order[a]
	ib, okb := order[b]
	switch {
	case oka && okb:
		return ia < ib
	case oka != okb:
		return oka
	}
	return a < b
}

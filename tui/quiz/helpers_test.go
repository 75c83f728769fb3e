package quiz

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	lq "kubetutor/lessons/quiz"
)

// keyMsg builds the key press a terminal sends for a key name as help shows it.
func keyMsg(name string) tea.KeyPressMsg {
	switch name {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "shift+up":
		return tea.KeyPressMsg{Code: tea.KeyUp, Mod: tea.ModShift}
	case "shift+down":
		return tea.KeyPressMsg{Code: tea.KeyDown, Mod: tea.ModShift}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	}
	r := []rune(name)
	return tea.KeyPressMsg{Code: r[0], Text: name}
}

// press sends keys one by one, running the commands that come back the way the root
// would (only the ones that end at once: saving, navigation messages).
func press(t *testing.T, m Model, keys ...string) (Model, []tea.Msg) {
	t.Helper()
	var out []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(keyMsg(k))
		m, out = run(m, cmd, out)
	}
	return m, out
}

// typeText sends each rune of s as a key press.
func typeText(t *testing.T, m Model, s string) Model {
	t.Helper()
	for _, r := range s {
		m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

// run executes cmd and feeds its messages back, collecting those for the root.
func run(m Model, cmd tea.Cmd, out []tea.Msg) (Model, []tea.Msg) {
	if cmd == nil {
		return m, out
	}
	msg := cmd()
	switch msg := msg.(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			m, out = run(m, c, out)
		}
	case savedMsg:
		m, _ = m.Update(msg)
		out = append(out, msg)
	case ReviewMsg, DoneMsg:
		out = append(out, msg)
	}
	return m, out
}

var fixedNow = func() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC) }

// testQuestions is a small quiz with one question of each type.
func testQuestions() []*lq.Question {
	t := func(fr, en string) lq.Text { return lq.Text{FR: fr, EN: en} }
	return []*lq.Question{
		{ID: "etcd-5", Section: "00-02-plan-controle", Type: lq.Numeric, Answer: 2, Unit: t("membres", "members"),
			Prompt:      t("Dans un cluster etcd de 5 membres, combien peuvent tomber en panne\u00a0?", "In a 5-member etcd cluster, how many may fail?"),
			Explanation: t("Quorum = 3\u00a0: 2 pannes tolérées.", "Quorum = 3: 2 failures tolerated.")},
		{ID: "entree", Section: "00-11-a-retenir", Type: lq.Single,
			Prompt: t("Par quel composant passe toute opération\u00a0?", "Which component does every operation go through?"),
			Choices: []lq.Choice{{Text: t("kube-apiserver", "kube-apiserver"), Correct: true}, {Text: t("etcd", "etcd")},
				{Text: t("kubelet", "kubelet")}},
			Explanation: t("Le point d’entrée unique.", "The single entry point.")},
		{ID: "phases", Section: "00-02-plan-controle", Type: lq.Ordering,
			Prompt:      t("Remettez les phases dans l’ordre.", "Put the phases in order."),
			Items:       []lq.Text{t("Filtrage", "Filtering"), t("Scoring", "Scoring"), t("Liaison", "Binding")},
			Explanation: t("Fit, Score, Bind.", "Fit, Score, Bind.")},
		{ID: "raft", Section: "00-02-plan-controle", Type: lq.Short, Accepted: []string{"Raft"},
			Prompt:      t("Quel algorithme de consensus etcd utilise-t-il\u00a0?", "Which consensus algorithm does etcd use?"),
			Explanation: t("Raft.", "Raft.")},
		{ID: "acces", Section: "00-05-stockage", Type: lq.Multiple,
			Prompt: t("Quels sont des modes d’accès\u00a0?", "Which are access modes?"),
			Choices: []lq.Choice{{Text: t("RWO", "RWO"), Correct: true}, {Text: t("RWOP", "RWOP"), Correct: true},
				{Text: t("WORM", "WORM")}},
			Explanation: t("RWO, ROX, RWX, RWOP.", "RWO, ROX, RWX, RWOP.")},
		{ID: "impair", Section: "00-10-revision", Type: lq.Open,
			Prompt:      t("Pourquoi un nombre impair de membres etcd\u00a0?", "Why an odd number of etcd members?"),
			Model:       t("Raft exige un quorum.", "Raft needs a quorum."),
			Rubric:      []lq.Text{t("Je parle du quorum.", "I mention the quorum."), t("Je dis jamais 2.", "I say never 2.")},
			Explanation: t("Quorum = floor(n/2)+1.", "Quorum = floor(n/2)+1.")},
	}
}

func newTestModel(lang i18n.Lang, mode Mode, qs []*lq.Question) Model {
	m := New(Config{Tr: i18n.New(lang), Chapter: "00", Questions: qs, Mode: mode, Seed: 42, Now: fixedNow, Location: time.UTC, Plain: true,
		SectionTitles: map[string]string{"00-02-plan-controle": "2 Plan de contrôle détaillé"}})
	m.SetSize(80, 24)
	return m
}

// rightPick returns the display number (1-based, as a key) of choice c in m's current
// question.
func rightPick(m Model, c int) string {
	for i, x := range m.in.perm {
		if x == c {
			return string(rune('1' + i))
		}
	}
	return ""
}

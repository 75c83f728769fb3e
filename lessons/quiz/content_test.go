package quiz

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"kubetutor/assets"
	"kubetutor/lessons"
)

func loadChapter00(t *testing.T) *Quiz {
	t.Helper()
	course, err := lessons.Load(assets.FS, "")
	if err != nil {
		t.Fatal(err)
	}
	ch, err := course.Chapter("00")
	if err != nil {
		t.Fatal(err)
	}
	z, err := ForChapter(assets.FS, "", ch)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// TestChapter00Quiz holds the embedded quiz to the issue: the five revision questions,
// at least 20 more, every section from 1 to 11 covered, every type used, sections that
// exist, English translations, and right answers that grade right.
func TestChapter00Quiz(t *testing.T) {
	z := loadChapter00(t) // sections checked against the chapter
	if got := len(z.Filter("00-10-revision")); got < 5 {
		t.Errorf("section 10 has %d questions, want its 5 revision questions", got)
	}
	if len(z.Questions) < 25 {
		t.Errorf("%d questions, want at least 25", len(z.Questions))
	}
	for i := 1; i <= 11; i++ {
		prefix := fmt.Sprintf("00-%02d-", i)
		n := 0
		for _, q := range z.Questions {
			if strings.HasPrefix(q.Section, prefix) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no question checks section %s", prefix)
		}
	}
	used := map[Type]bool{}
	for _, q := range z.Questions {
		used[q.Type] = true
		if q.Prompt.EN == "" || q.Explanation.EN == "" {
			t.Errorf("%s: no English prompt or explanation", q.ID)
		}
		for _, c := range q.Choices {
			if c.Text.EN == "" {
				t.Errorf("%s: choice %q has no English", q.ID, c.Text.FR)
			}
		}
		r, _ := RightResponse(q)
		if got := Grade(q, r); !got.Correct {
			t.Errorf("%s: the right answer grades %+v", q.ID, got)
		}
	}
	for _, ty := range Types {
		if !used[ty] {
			t.Errorf("no question of type %s", ty)
		}
	}
}

// TestChapter00Typography checks French typography in the quiz's French texts: a no-break
// space before « : ; ? ! » ending a clause, and inside guillemets.
func TestChapter00Typography(t *testing.T) {
	z := loadChapter00(t)
	for _, q := range z.Questions {
		texts := []string{q.Prompt.FR, q.Explanation.FR, q.Model.FR, q.Unit.FR}
		for _, c := range q.Choices {
			texts = append(texts, c.Text.FR)
		}
		for _, it := range append(q.Items, q.Rubric...) {
			texts = append(texts, it.FR)
		}
		for _, s := range texts {
			if fault := frenchTypography(s); fault != "" {
				t.Errorf("%s: %s in %q", q.ID, fault, s)
			}
		}
	}
}

func frenchTypography(s string) string {
	r := []rune(s)
	nbsp := func(c rune) bool { return c == '\u00a0' || c == '\u202f' }
	for i, c := range r {
		switch c {
		case ':', ';', '?', '!':
			if i > 0 && (i+1 == len(r) || unicode.IsSpace(r[i+1])) && !nbsp(r[i-1]) {
				return "no no-break space before " + string(c)
			}
		case '«':
			if i+1 < len(r) && !nbsp(r[i+1]) {
				return "no no-break space after «"
			}
		case '»':
			if i > 0 && !nbsp(r[i-1]) {
				return "no no-break space before »"
			}
		}
	}
	return ""
}

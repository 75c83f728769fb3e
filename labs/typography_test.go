package labs_test

import (
	"regexp"
	"testing"
	"unicode"

	"kubetutor/assets"
	"kubetutor/labs"
)

// code matches Markdown code (fenced blocks and inline spans), whose text is commands and
// keeps its own punctuation.
var code = regexp.MustCompile("(?s)```.*?```|`[^`]*`")

// TestLabsFrenchTypography applies the catalogs' rule (i18n's TestFrenchTypography) to the
// French texts of every embedded lab: a non-breaking space before « : ; ? ! » that end a
// clause and inside « guillemets ».
func TestLabsFrenchTypography(t *testing.T) {
	all, err := labs.LoadAll(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, lab := range all {
		texts := map[string]labs.Text{"title": lab.Title, "summary": lab.Summary}
		for _, st := range lab.Steps {
			texts[st.ID+".instructions"] = st.Instructions
			for i, h := range st.Hints {
				texts[st.ID+".hint"+string(rune('1'+i))] = h
			}
			if st.Wait != nil {
				texts[st.ID+".wait"] = st.Wait.Reason
			}
		}
		for where, text := range texts {
			for _, fault := range frenchFaults(code.ReplaceAllString(text["fr"], "X")) {
				t.Errorf("%s: %s: %s", lab.ID, where, fault)
			}
		}
	}
}

func TestFrenchFaultsCatchesMistakes(t *testing.T) {
	for _, bad := range []string{"Question : oui", "« texte\u00a0»", "vraiment ?"} {
		if len(frenchFaults(bad)) == 0 {
			t.Errorf("%q: no fault found", bad)
		}
	}
	if f := frenchFaults("Question\u00a0: «\u00a0oui\u00a0»\u00a0; http://x"); len(f) > 0 {
		t.Errorf("good text: %v", f)
	}
}

func frenchFaults(s string) []string {
	var faults []string
	r := []rune(s)
	nbsp := func(c rune) bool { return c == '\u00a0' || c == '\u202f' }
	for i, c := range r {
		switch c {
		case ':', ';', '?', '!':
			ends := i+1 == len(r) || unicode.IsSpace(r[i+1])
			if ends && i > 0 && !nbsp(r[i-1]) {
				faults = append(faults, "no non-breaking space before "+string(c)+" in "+around(r, i))
			}
		case '«':
			if i+1 < len(r) && !nbsp(r[i+1]) {
				faults = append(faults, "no non-breaking space after « in "+around(r, i))
			}
		case '»':
			if i > 0 && !nbsp(r[i-1]) {
				faults = append(faults, "no non-breaking space before » in "+around(r, i))
			}
		}
	}
	return faults
}

func around(r []rune, i int) string {
	return string(r[max(0, i-25):min(len(r), i+5)])
}

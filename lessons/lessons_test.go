package lessons

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"kubetutor/assets"
	"kubetutor/i18n"
)

func loadReal(t *testing.T) *Chapter {
	t.Helper()
	c, err := Load(assets.FS, "")
	if err != nil {
		t.Fatal(err)
	}
	ch, err := c.Chapter("00")
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

func TestRealChapterSections(t *testing.T) {
	ch := loadReal(t)
	if ch.HeadingID != "00-architecture" || ch.Number != "00" || ch.Title != "Architecture de Kubernetes — Cours exhaustif" {
		t.Errorf("title = %q %q %q", ch.HeadingID, ch.Number, ch.Title)
	}
	want := []struct{ id, number, title string }{
		{"00-00-objectifs", "0", "Objectifs pédagogiques"},
		{"00-01-concepts", "1", "Concepts fondamentaux"},
		{"00-02-plan-controle", "2", "Plan de contrôle détaillé"},
		{"00-03-noeuds", "3", "Composants d’un nœud de travail"},
		{"00-04-reseau", "4", "Architecture réseau"},
		{"00-05-stockage", "5", "Architecture stockage & CSI"},
		{"00-06-securite", "6", "Chaîne de sécurité intégrée"},
		{"00-07-ha", "7", "Haute disponibilité"},
		{"00-08-scalabilite", "8", "Scalabilité & performances"},
		{"00-09-labs", "9", "Laboratoire guidé"},
		{"00-10-revision", "10", "Questions de révision / auto-évaluation"},
		{"00-11-a-retenir", "11", "Points clés à retenir"},
	}
	if len(ch.Sections) != len(want) {
		t.Fatalf("%d sections, want %d", len(ch.Sections), len(want))
	}
	for i, w := range want {
		s := ch.Sections[i]
		if s.ID != w.id || s.Number != w.number || s.Title != w.title || s.Level != 2 {
			t.Errorf("section %d = %q %q %q (level %d), want %q %q %q", i, s.ID, s.Number, s.Title, s.Level, w.id, w.number, w.title)
		}
	}
	subs := map[string][]string{
		"00-02-plan-controle": {"2.1 kube-apiserver", "2.2 etcd", "2.3 kube-scheduler", "2.4 kube-controller-manager", "2.5 cloud-controller-manager (optionnel)"},
		"00-04-reseau":        {"4.1 Principes de base", "4.2 kube-proxy", "4.3 NetworkPolicy"},
		"00-07-ha":            {"7.1 Control Plane HA", "7.2 Scénario de panne"},
	}
	for _, s := range ch.Sections {
		var got []string
		for _, sub := range s.Subsections {
			got = append(got, sub.Label())
			if sub.Parent != s || sub.Level != 3 {
				t.Errorf("%s: parent or level wrong", sub.ID)
			}
		}
		if strings.Join(got, "|") != strings.Join(subs[s.ID], "|") {
			t.Errorf("%s subsections = %q, want %q", s.ID, got, subs[s.ID])
		}
	}
}

// TestConversionKeepsContent compares the converted chapter with the user's original:
// every table row, code block and list item survives, and no heading keeps its {#id}.
func TestConversionKeepsContent(t *testing.T) {
	orig, err := os.ReadFile("testdata/original-00.txt")
	if err != nil {
		t.Fatal(err)
	}
	md := loadReal(t).Markdown()
	count := func(text string) map[string]int {
		c := map[string]int{}
		fenced := false
		for _, l := range strings.Split(text, "\n") {
			tl := strings.TrimSpace(l)
			switch {
			case strings.HasPrefix(tl, "```"):
				if !fenced {
					c["code blocks"]++
				}
				fenced = !fenced
			case fenced:
				c["code lines"]++
			case strings.HasPrefix(tl, "| --"):
				c["tables"]++
			case strings.HasPrefix(tl, "|"):
				c["table rows"]++
			case strings.HasPrefix(tl, "* "), len(tl) > 2 && tl[0] >= '0' && tl[0] <= '9' && strings.HasPrefix(tl[1:], ". "):
				c["list items"]++
			case strings.HasPrefix(tl, "> "):
				c["quotes"]++
			case strings.HasPrefix(tl, "#"):
				c["headings"]++
			}
		}
		return c
	}
	o, n := count(string(orig)), count(md)
	if o["tables"] != 4 || o["code blocks"] != 5 {
		t.Errorf("original has %d tables and %d code blocks, expected 4 and 5", o["tables"], o["code blocks"])
	}
	for k, v := range o {
		if n[k] != v {
			t.Errorf("%s: %d in the original, %d after conversion", k, v, n[k])
		}
	}
	if strings.Contains(md, "{#") || strings.Contains(md, "<h") {
		t.Error("rendered Markdown still holds a {#id} or an HTML heading")
	}
	for _, typo := range []string{"Unit é", "Ingre ss", "Implemente"} {
		if strings.Contains(md, typo) {
			t.Errorf("typo %q not fixed", typo)
		}
	}
	// Every word of the original is still there, once the heading markup is removed.
	words := func(s string) map[string]int {
		m := map[string]int{}
		for _, w := range strings.Fields(s) {
			m[w]++
		}
		return m
	}
	fixed := strings.NewReplacer("Unit é", "Unité", "Ingre ss", "Ingress", "Implemente", "Implémente").Replace(string(orig))
	got := words(md)
	for w, c := range words(fixed) {
		if strings.HasPrefix(w, "<h") || strings.HasPrefix(w, "id=") || strings.Contains(w, "</h") || w == "#" || w == "##" {
			continue
		}
		if got[w] < c {
			t.Errorf("word %q: %d in the original, %d after conversion", w, c, got[w])
		}
	}
}

func TestFind(t *testing.T) {
	ch := loadReal(t)
	for ref, want := range map[string]string{
		"00-02-02-etcd": "00-02-02-etcd", "2.2": "00-02-02-etcd", "2": "00-02-plan-controle",
		"2.": "00-02-plan-controle", "11": "00-11-a-retenir", "00-07-ha": "00-07-ha",
	} {
		s, err := ch.Find(ref)
		if err != nil || s.ID != want {
			t.Errorf("Find(%q) = %v, %v; want %s", ref, s, err, want)
		}
	}
	_, err := ch.Find("12")
	e, ok := i18n.AsError(err)
	if !ok || e.Code != i18n.ExitUsage || e.Msg.ID != "reader.section.unknown" ||
		!strings.Contains(e.Msg.Data["Valid"].(string), "00-02-02-etcd") {
		t.Errorf("Find(12) error = %v", err)
	}
}

func TestUnknownChapter(t *testing.T) {
	c, err := Load(assets.FS, "")
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Chapter("42")
	e, ok := i18n.AsError(err)
	if !ok || e.Code != i18n.ExitUsage || e.Msg.Data["Valid"] != "00" {
		t.Errorf("Chapter(42) error = %v", err)
	}
}

const goodChapter = "# 01. Titre {#01-titre}\n\nIntro.\n\n## 1. Une {#01-01-une}\n\nTexte.\n\n### 1.1 Sous {#01-01-01-sous}\n\n```sh\n# pas un titre\n```\n"

func TestBadCourse(t *testing.T) {
	manifest := "chapters:\n  - id: \"01\"\n    file: fr/01.md\n"
	tests := []struct {
		name     string
		files    map[string]string
		id, file string
		line     int
	}{
		{"missing manifest", map[string]string{"course/fr/01.md": goodChapter}, "reader.course.nomanifest", "course/manifest.yaml", 0},
		{"chapter listed but absent", map[string]string{"course/manifest.yaml": manifest}, "reader.course.nochapter", "course/manifest.yaml", 2},
		{"bad yaml", map[string]string{"course/manifest.yaml": "chapters: [\n"}, "reader.course.badmanifest.at", "course/manifest.yaml", 1},
		{"no chapters", map[string]string{"course/manifest.yaml": "chapters: []\n"}, "reader.course.nochapters", "course/manifest.yaml", 0},
		{"unknown manifest key", map[string]string{"course/manifest.yaml": "chapters:\n  - id: \"01\"\n    file: fr/01.md\n    titel: x\n"}, "reader.manifest.unknownkey", "course/manifest.yaml", 4},
		{"duplicate chapter", map[string]string{"course/manifest.yaml": manifest + "  - id: \"01\"\n    file: fr/01.md\n", "course/fr/01.md": goodChapter}, "reader.manifest.dupid", "course/manifest.yaml", 4},
		{"path escapes", map[string]string{"course/manifest.yaml": "chapters:\n  - id: \"01\"\n    file: ../x.md\n"}, "reader.manifest.badfile", "course/manifest.yaml", 2},
		{"malformed heading id", map[string]string{"course/manifest.yaml": manifest, "course/fr/01.md": strings.Replace(goodChapter, "{#01-01-une}", "{#Une Section}", 1)}, "reader.course.badid", "course/fr/01.md", 5},
		{"unterminated id", map[string]string{"course/manifest.yaml": manifest, "course/fr/01.md": strings.Replace(goodChapter, "{#01-01-une}", "{#01-01-une", 1)}, "reader.course.badid", "course/fr/01.md", 5},
		{"heading without id", map[string]string{"course/manifest.yaml": manifest, "course/fr/01.md": strings.Replace(goodChapter, " {#01-01-01-sous}", "", 1)}, "reader.course.noid", "course/fr/01.md", 9},
		{"duplicate heading id", map[string]string{"course/manifest.yaml": manifest, "course/fr/01.md": strings.Replace(goodChapter, "{#01-01-01-sous}", "{#01-01-une}", 1)}, "reader.course.dupid", "course/fr/01.md", 9},
		{"non-UTF-8 chapter", map[string]string{"course/manifest.yaml": manifest, "course/fr/01.md": goodChapter + "\nCaf\xe9\n"}, "reader.course.notutf8", "course/fr/01.md", 15},
		{"non-UTF-8 manifest", map[string]string{"course/manifest.yaml": "# \xff\n" + manifest}, "reader.course.notutf8", "course/manifest.yaml", 1},
		{"no title", map[string]string{"course/manifest.yaml": manifest, "course/fr/01.md": "## 1. Une {#une}\n"}, "reader.course.notitle", "course/fr/01.md", 0},
		{"no sections", map[string]string{"course/manifest.yaml": manifest, "course/fr/01.md": "# T {#t}\n\ntext\n"}, "reader.course.nosections", "course/fr/01.md", 0},
		{"subsection first", map[string]string{"course/manifest.yaml": manifest, "course/fr/01.md": "# T {#t}\n### 1.1 S {#s}\n"}, "reader.course.orphan", "course/fr/01.md", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, body := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(body)}
			}
			_, err := Load(fsys, "")
			e, ok := i18n.AsError(err)
			if !ok {
				t.Fatalf("Load error = %v, want an i18n error %s", err, tt.id)
			}
			if e.Code != i18n.ExitUsage || e.Msg.ID != tt.id {
				t.Fatalf("Load error = %s (code %d), want %s (code 2)", e.Msg.ID, e.Code, tt.id)
			}
			if e.Msg.Data["File"] != tt.file {
				t.Errorf("error names file %v, want %s", e.Msg.Data["File"], tt.file)
			}
			if tt.line != 0 && e.Msg.Data["Line"] != tt.line {
				t.Errorf("error names line %v, want %d", e.Msg.Data["Line"], tt.line)
			}
			// The student reads it in French, with the file named.
			if fr := i18n.New(i18n.FR).Msg(e.Msg); !strings.Contains(fr, tt.file) || strings.HasPrefix(fr, "[") {
				t.Errorf("French message %q does not name %s", fr, tt.file)
			}
		})
	}
}

func TestInstructorRootIsNamed(t *testing.T) {
	_, err := Load(fstest.MapFS{}, "/srv/cours")
	e, _ := i18n.AsError(err)
	if e == nil || e.Msg.Data["File"] != "/srv/cours/course/manifest.yaml" {
		t.Errorf("error = %v, want it to name /srv/cours/course/manifest.yaml", err)
	}
}

func TestGoodChapterParses(t *testing.T) {
	ch, err := Parse("x.md", []byte(goodChapter))
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Sections) != 1 || len(ch.Sections[0].Subsections) != 1 {
		t.Fatalf("sections = %+v", ch.Sections)
	}
	if !strings.Contains(ch.Sections[0].Subsections[0].Markdown, "# pas un titre") {
		t.Error("a # line inside a code block was taken for a heading")
	}
}

func TestCountReadCountsSectionsAndSubsections(t *testing.T) {
	course, err := Load(assets.FS, "")
	if err != nil {
		t.Fatal(err)
	}
	ch, err := course.Chapter("00")
	if err != nil {
		t.Fatal(err)
	}
	read := map[string]bool{"00-01-concepts": true, "00-02-02-etcd": true, "00-99-gone": true}
	n, total := ch.CountRead(func(id string) bool { return read[id] })
	if n != 2 || total != len(ch.All()) || total <= len(ch.Sections) {
		t.Errorf("CountRead = %d/%d, want 2/%d (sections and subsections)", n, total, len(ch.All()))
	}
}

// TestBadManifestYAMLInTheStudentsLanguage: a syntax error of the course manifest is
// rendered whole in French, parser's words included, at its line.
func TestBadManifestYAMLInTheStudentsLanguage(t *testing.T) {
	fsys := fstest.MapFS{"course/manifest.yaml": &fstest.MapFile{Data: []byte("chapters:\n  - id: \"01\"\n  file fr/01.md\n")}}
	_, err := Load(fsys, "")
	e, ok := i18n.AsError(err)
	if !ok {
		t.Fatalf("Load error = %v, want an i18n error", err)
	}
	fr, en := i18n.New(i18n.FR).Msg(e.Msg), i18n.New(i18n.EN).Msg(e.Msg)
	if !strings.Contains(fr, "course/manifest.yaml:") || !strings.Contains(fr, "YAML invalide") || strings.Contains(fr, "could not find") || strings.Contains(fr, "did not find") {
		t.Errorf("French message %q (English %q)", fr, en)
	}
}

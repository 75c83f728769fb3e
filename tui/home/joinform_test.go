package home

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"kubetutor/assets"
	"kubetutor/i18n"
	"kubetutor/lessons"
	"kubetutor/tui/common"
	"kubetutor/tui/render"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func newCommon(t *testing.T, lang i18n.Lang, w, h int) *common.Common {
	t.Helper()
	course, err := lessons.Load(assets.FS, "")
	if err != nil {
		t.Fatal(err)
	}
	c := &common.Common{Style: render.NoTTY, Tr: i18n.New(lang), Log: slog.New(slog.DiscardHandler), Course: course, Width: w, Height: h}
	c.Keys = common.NewKeyMap(c.Tr)
	c.Styles = common.NewStyles(c.Style)
	return c
}

// typeText types s into the form, one key per rune.
func typeText(f JoinForm, s string) JoinForm {
	for _, r := range s {
		f, _ = f.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return f
}

func press(f JoinForm, code rune) (JoinForm, tea.Msg) {
	f, cmd := f.Update(tea.KeyPressMsg{Code: code})
	if cmd == nil {
		return f, nil
	}
	return f, cmd()
}

// screen is the home screen with the form over it, as the class view draws it.
func screen(m Model, f JoinForm, w int) string {
	lines := strings.Split(ansi.Strip(Overlay(m.View(), w, f.View(w))), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the view (go test ./tui/home -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestJoinFormFromHome: the home screen's key (in its help) asks for the form; the form
// sends what was typed, shows a refusal without losing it, offers the free name when the
// name is taken and takes it on Enter, and once in a class offers to leave.
func TestJoinFormFromHome(t *testing.T) {
	for _, lang := range i18n.Langs {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			w, h := sz[0], sz[1]
			t.Run(fmt.Sprintf("%s-%dx%d", lang, w, h), func(t *testing.T) {
				c := newCommon(t, lang, w, h)
				m := New(c)
				m.help.ShowAll = true
				if v := ansi.Strip(m.View()); !strings.Contains(v, "a "+c.Tr.T("workshop.form.homekey")) {
					t.Fatalf("the home help lacks the join key:\n%s", v)
				}
				m.help.ShowAll = false
				_, cmd := m.Update(tea.KeyPressMsg{Code: 'a', Text: "a"})
				if cmd == nil {
					t.Fatal("a did nothing")
				}
				if _, ok := cmd().(JoinMsg); !ok {
					t.Fatal("a did not ask for the join form")
				}
				f := NewJoinForm(c, nil)
				f.Init()
				golden(t, fmt.Sprintf("join-%s-%dx%d-empty.golden", lang, w, h), screen(m, f, w))

				f = typeText(f, "K7MX4P@192.168.1.10:7070")
				f, _ = f.Update(tea.KeyPressMsg{Code: tea.KeyEnter}) // Enter on the line moves to the name
				if f.field != 1 || f.busy {
					t.Fatalf("Enter with no name: field %d, busy %v", f.field, f.busy)
				}
				f = typeText(f, "Ada L.")
				f, msg := press(f, tea.KeyEnter)
				req, ok := msg.(JoinRequestMsg)
				if !ok || req.Line != "K7MX4P@192.168.1.10:7070" || req.Name != "Ada L." || !req.Exact {
					t.Fatalf("submit sent %#v", msg)
				}
				f, _ = f.Update(JoinResultMsg{Problem: c.Tr.T("workshop.refused.code")})
				v := screen(m, f, w)
				if !strings.Contains(v, "K7MX4P@192.168.1.10:7070") || !strings.Contains(v, "Ada L.") {
					t.Fatalf("a refusal lost what was typed:\n%s", v)
				}
				golden(t, fmt.Sprintf("join-%s-%dx%d-refused.golden", lang, w, h), v)

				f, _ = f.Update(JoinResultMsg{Offer: "Ada L. (2)"})
				golden(t, fmt.Sprintf("join-%s-%dx%d-offer.golden", lang, w, h), screen(m, f, w))
				f, msg = press(f, tea.KeyEnter)
				if req, ok := msg.(JoinRequestMsg); !ok || req.Name != "Ada L. (2)" {
					t.Fatalf("Enter on the offer sent %#v", msg)
				}
				f, _ = f.Update(JoinResultMsg{Joined: &Joined{Event: "Atelier K8s", Name: "Ada L. (2)", Addr: "192.168.1.10:7070"}})
				golden(t, fmt.Sprintf("join-%s-%dx%d-joined.golden", lang, w, h), screen(m, f, w))
				f, msg = press(f, 'l')
				if _, ok := msg.(LeaveRequestMsg); !ok {
					t.Fatalf("l in a class sent %#v", msg)
				}
				f, _ = f.Update(JoinResultMsg{})
				if v := screen(m, f, w); !strings.Contains(v, "K7MX4P@192.168.1.10:7070") {
					t.Fatalf("after leaving the fields are gone:\n%s", v)
				}
				f, _ = press(f, tea.KeyEscape)
				if !f.Closed() {
					t.Fatal("esc did not close the form")
				}
			})
		}
	}
}

// TestJoinFormOfferLapses: a name typed after an offer is sent as typed, not replaced.
func TestJoinFormOfferLapses(t *testing.T) {
	c := newCommon(t, i18n.FR, 80, 24)
	f := NewJoinForm(c, nil)
	f.Init()
	f = typeText(f, "K7MX4P@10.0.0.1:7070")
	f, _ = f.Update(tea.KeyPressMsg{Code: tea.KeyTab})
	f = typeText(f, "Ada")
	f, _ = f.Update(JoinResultMsg{Offer: "Ada (2)"})
	f = typeText(f, " B.")
	f, msg := press(f, tea.KeyEnter)
	if req, ok := msg.(JoinRequestMsg); !ok || req.Name != "Ada B." {
		t.Fatalf("sent %#v, want the name typed", msg)
	}
}

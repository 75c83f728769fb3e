package labs

import (
	"errors"
	"strings"
	"testing"

	"kubetutor/i18n"
)

// TestProblemsInTheStudentsLanguage: every problem of a broken lab.yaml and of its manifest
// carries a localizable message, rendered in French (« contrôle inconnu « … » ») and in
// English as before; none is English-only.
func TestProblemsInTheStudentsLanguage(t *testing.T) {
	lab := `id: demo
title: {fr: Démo}
steps:
  - id: one
    instructions: {fr: Faites-le.}
    check: {id: no-such-check}
  - id: Two
    instructions: {fr: Encore., de: Nochmal.}
    requires: [three]
    check: {id: nodes-ready}
`
	_, err := Load(mapFS(map[string]string{"lab.yaml": lab}), "demo")
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("want a ValidationError, got %v", err)
	}
	fr, en := i18n.New(i18n.FR), i18n.New(i18n.EN)
	var frAll, enAll []string
	for _, p := range ve.Problems {
		if p.Message.ID == "" {
			t.Errorf("%s:%d: %q has no localizable message", p.File, p.Line, p.Msg)
			continue
		}
		if got := en.Msg(p.Message); got != p.Msg {
			t.Errorf("English rendering %q differs from Msg %q", got, p.Msg)
		}
		frAll = append(frAll, fr.Msg(p.Message))
		enAll = append(enAll, p.Msg)
	}
	for _, want := range []string{"la section du cours (section) est obligatoire", "contrôle inconnu «\u00a0no-such-check\u00a0»",
		"identifiant d’étape «\u00a0Two\u00a0»", "langue inconnue «\u00a0de\u00a0»", "demande une étape inconnue «\u00a0three\u00a0»"} {
		if !strings.Contains(strings.Join(frAll, "\n"), want) {
			t.Errorf("no French problem with %q in:\n%s", want, strings.Join(frAll, "\n"))
		}
	}
	if !strings.Contains(strings.Join(enAll, "\n"), `unknown check "no-such-check"`) {
		t.Errorf("English problems changed:\n%s", strings.Join(enAll, "\n"))
	}
}

// TestManifestProblemsInTheStudentsLanguage: a setup manifest's problem is localizable too.
func TestManifestProblemsInTheStudentsLanguage(t *testing.T) {
	_, err := Load(mapFS(map[string]string{"lab.yaml": goodLab, "ns.yaml": "apiVersion: v1\nkind: ConfigMap\n"}), "demo")
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) == 0 {
		t.Fatalf("want a ValidationError, got %v", err)
	}
	fr := i18n.New(i18n.FR)
	for _, p := range ve.Problems {
		if got := fr.Msg(p.Message); got != "un objet demande apiVersion, kind et metadata.name" {
			t.Errorf("%s:%d: French %q (English %q)", p.File, p.Line, got, p.Msg)
		}
	}
}

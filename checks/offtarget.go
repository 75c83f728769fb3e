package checks

import (
	"strings"

	"kubetutor/i18n"
)

// kubectlElsewhere are the kubectl flags that point a command at another cluster (or
// another user) than the lab shell's KUBECONFIG.
var kubectlElsewhere = []string{"--kubeconfig", "--context", "--cluster", "--server", "-s", "--user", "--token"}

// offTarget says why a kubectl command that matches a pattern is no evidence: it ran
// against another cluster (« --kubeconfig », « --context »…, or KUBECONFIG set on the
// line) or only printed its help. It returns nil when the command counts. Only the words
// before « -- » are kubectl's (after it, « curl -s » is the pod's command).
func offTarget(program string, argv []string, line string) *i18n.Message {
	if program != "kubectl" {
		return nil
	}
	for _, a := range argv[1:] {
		if a == "--" {
			break
		}
		name, _, _ := strings.Cut(a, "=")
		if name == "--help" || name == "-h" {
			m := i18n.M("checks.command.help", "Line", shownLine(line))
			return &m
		}
		for _, f := range kubectlElsewhere {
			if name == f {
				m := i18n.M("checks.command.elsewhere", "Line", shownLine(line), "Flag", f)
				return &m
			}
		}
	}
	if strings.Contains(line, "KUBECONFIG=") {
		m := i18n.M("checks.command.elsewhere", "Line", shownLine(line), "Flag", "KUBECONFIG=")
		return &m
	}
	return nil
}

package quiz

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Filtrage", "filtrage"},
		{"FILTRAGE", "filtrage"},
		{"  filtrage  ", "filtrage"},
		{"Schéma", "schema"},
		{"SCHÉMA", "schema"},
		{"schema", "schema"},
		{"l’API", "l api"},
		{"l'api", "l api"},
		{"kube-proxy", "kube proxy"},
		{"«\u00a0Filtrage\u00a0»", "filtrage"},
		{"Nœud", "noeud"},
		{"ÆTHER", "aether"},
		{"straße", "strasse"},
		{"ﬁltrage", "filtrage"},  // ligature fi
		{"ＦＩＬＴＲＡＧＥ", "filtrage"}, // full-width letters
		{"10.244.0.0/16", "10.244.0.0/16"},
		{"10.24.40.0/16", "10.24.40.0/16"},
		{"10.244.0.0 / 16", "10.244.0.0 / 16"},
		{"--pod-network-cidr=10.244.0.0/16", "pod network cidr 10.244.0.0/16"},
		{"v1.24", "v1.24"},
		{"Kubernetes v1.24.", "kubernetes v1.24"},
		{"metrics.k8s.io", "metrics.k8s.io"},
		{"10.0.0.1:6443", "10.0.0.1:6443"},
		{"etcd. Raft", "etcd raft"},
		{"2,5", "2.5"},
		{"a, b", "a b"},
		{"-3", "-3"},
		{"−3", "-3"},
		{"+3", "+3"},
		{"5-3", "5 3"},
		{"kube-proxy -v", "kube proxy v"},
		{"10 %", "10 %"},
		{"10 %", "10 %"},
		{"100 % sûr", "100 % sur"},
		{"% de", "de"},
		{"< 10 ms", "< 10 ms"},
		{"a < b", "a b"},
		{"/etc/kubernetes/manifests", "etc/kubernetes/manifests"},
		{"½", "1/2"},
		{"a\t\n b", "a b"},
		{"!?;:", ""},
		{"", ""},
		{"Ça\u00a0marche\u202f!", "ca marche"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestKeyIgnoresSpaces(t *testing.T) {
	for _, s := range []string{"kube-proxy", "kube proxy", "KubeProxy", "KUBE_PROXY", " kube—proxy "} {
		if got := key(s); got != "kubeproxy" {
			t.Errorf("key(%q) = %q, want kubeproxy", s, got)
		}
	}
}

func TestKeyKeepsNumbersApart(t *testing.T) {
	same := [][2]string{
		{"10.244.0.0/16", "10.244.0.0 / 16"},
		{"10 %", "10%"},
		{"10 ms", "10ms"},
		{"percentageOfNodesToScore", "--percentage-of-nodes-to-score"},
	}
	for _, p := range same {
		if key(p[0]) != key(p[1]) {
			t.Errorf("key(%q) = %q, key(%q) = %q: want equal", p[0], key(p[0]), p[1], key(p[1]))
		}
	}
	apart := [][2]string{
		{"10.244.0.0/16", "10.24.40.0/16"},
		{"10.244.0.0/16", "10 244 0 0 16"},
		{"10.244.0.0/16", "10.244.0.0/24"},
		{"10 244", "10244"},
		{"v1.24", "v12.4"},
		{"-3", "3"},
		{"2,5", "25"},
	}
	for _, p := range apart {
		if key(p[0]) == key(p[1]) {
			t.Errorf("key(%q) = key(%q) = %q: want apart", p[0], p[1], key(p[0]))
		}
	}
}

// kept lists the punctuation and symbols Normalize may keep (where they carry meaning).
const kept = ".:/-+%‰°<>≤≥±"

// checkNormalized asserts the properties every output of Normalize has.
func checkNormalized(t *testing.T, in, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("Normalize(%q) = %q: invalid UTF-8", in, out)
	}
	if again := Normalize(out); again != out {
		t.Fatalf("Normalize is not idempotent on %q: %q then %q", in, out, again)
	}
	if strings.HasPrefix(out, " ") || strings.HasSuffix(out, " ") || strings.Contains(out, "  ") {
		t.Fatalf("Normalize(%q) = %q: stray spaces", in, out)
	}
	for _, r := range out {
		if r != ' ' && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(kept, r) {
			t.Fatalf("Normalize(%q) = %q: keeps %q", in, out, r)
		}
		if unicode.Is(unicode.M, r) {
			t.Fatalf("Normalize(%q) = %q: keeps a combining mark %q", in, out, r)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Filtrage", "Schéma", "l’API", "«\u00a0x\u00a0»", "ﬁ", "İstanbul", "ǅ", "\xff\xfe", "Ⅻ", "ﾊﾟ", "10.244.0.0 / 16", "a.-3", "5 . %", "1 ,/ 2", "−.5", "x⁄2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkNormalized(t, s, Normalize(s))
	})
}

// BenchmarkNormalize folds answers a student types (one short answer graded per Enter).
func BenchmarkNormalize(b *testing.B) {
	answers := []string{"kubectl auth can-i create pods --as jane", "10.244.0.0/16", "« Nœud »", "ReadWriteMany", "l’algorithme Raft"}
	for b.Loop() {
		for _, a := range answers {
			Normalize(a)
		}
	}
}

// BenchmarkGradeShortPrefix grades one answer against a prefix question.
func BenchmarkGradeShortPrefix(b *testing.B) {
	q := &Question{Type: Short, Accepted: []string{"kubectl auth can-i", "auth can-i", "k auth can-i"}, Match: MatchPrefix}
	r := Response{Text: "kubectl auth can-i create pods --as jane"}
	for b.Loop() {
		Grade(q, r)
	}
}

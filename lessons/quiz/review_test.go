package quiz

import (
	"testing"
)

// verdict is what becomes of an answer: graded right, graded wrong, or refused (not
// scored: the student is told why and answers again).
type verdict string

const (
	right   verdict = "right"
	wrong   verdict = "wrong"
	refused verdict = "refused"
)

func judge(q *Question, text string) verdict {
	r := Response{Text: text}
	if _, no := Refuse(q, r); no {
		return refused
	}
	if Grade(q, r).Correct {
		return right
	}
	return wrong
}

// TestChapter00ShortAndNumericAnswers is the review of every short and numeric question
// of the chapter's quiz: the answers a student may type, right ones that must not be
// refused, near misses that must not be accepted.
func TestChapter00ShortAndNumericAnswers(t *testing.T) {
	z := loadChapter00(t)
	tests := []struct {
		id, answer string
		want       verdict
	}{
		// concepts-point-de-verite: etcd.
		{"concepts-point-de-verite", "etcd", right},
		{"concepts-point-de-verite", "ETCD", right},
		{"concepts-point-de-verite", "dans etcd", right},
		{"concepts-point-de-verite", "Dans etcd.", right},
		{"concepts-point-de-verite", "la base etcd", right},
		{"concepts-point-de-verite", "etcdctl", wrong},
		{"concepts-point-de-verite", "etc", wrong},
		{"concepts-point-de-verite", "kube-apiserver", wrong},
		{"concepts-point-de-verite", "pas etcd", wrong},
		{"concepts-point-de-verite", " ?! ", refused},

		// etcd-consensus: Raft.
		{"etcd-consensus", "Raft", right},
		{"etcd-consensus", "raft", right},
		{"etcd-consensus", "l’algorithme Raft", right},
		{"etcd-consensus", "algorithme de Raft", right},
		{"etcd-consensus", "le consensus Raft", right},
		{"etcd-consensus", "Paxos", wrong},
		{"etcd-consensus", "raft paxos", wrong},
		{"etcd-consensus", "Rafts", wrong},

		// securite-can-i: the command, with or without its arguments.
		{"securite-can-i", "kubectl auth can-i", right},
		{"securite-can-i", "kubectl auth can-i create pods", right},
		{"securite-can-i", "kubectl auth can-i create pods --as jane", right},
		{"securite-can-i", "kubectl auth can-i --list", right},
		{"securite-can-i", "auth can-i", right},
		{"securite-can-i", "k auth can-i get pods", right},
		{"securite-can-i", "KUBECTL AUTH CAN-I", right},
		{"securite-can-i", "kubectl auth", wrong},
		{"securite-can-i", "kubectl can-i", wrong},
		{"securite-can-i", "kubectl auth can-ix", wrong},
		{"securite-can-i", "kubectl auth whoami", wrong},
		{"securite-can-i", "kubectl get rolebindings", wrong},

		// scalabilite-scheduler-perf: the configuration field (the course writes it as a flag).
		{"scalabilite-scheduler-perf", "percentageOfNodesToScore", right},
		{"scalabilite-scheduler-perf", "percentage of nodes to score", right},
		{"scalabilite-scheduler-perf", "--percentage-of-nodes-to-score", right},
		{"scalabilite-scheduler-perf", "percentageOfNodesToScore: 50", right},
		{"scalabilite-scheduler-perf", "percentageOfNodes", wrong},
		{"scalabilite-scheduler-perf", "--nodes-to-score", wrong},
		{"scalabilite-scheduler-perf", "PodTopologySpread", wrong},

		// noeud-agent: kubelet.
		{"noeud-agent", "kubelet", right},
		{"noeud-agent", "le kubelet", right},
		{"noeud-agent", "Kubelet.", right},
		{"noeud-agent", "kubectl", wrong},
		{"noeud-agent", "kube-proxy", wrong},
		{"noeud-agent", "containerd", wrong},

		// stockage-rwx: ReadWriteMany.
		{"stockage-rwx", "ReadWriteMany", right},
		{"stockage-rwx", "read write many", right},
		{"stockage-rwx", "Read-Write-Many", right},
		{"stockage-rwx", "ReadWriteOnce", wrong},
		{"stockage-rwx", "ReadWriteOncePod", wrong},
		{"stockage-rwx", "ReadOnlyMany", wrong},
		{"stockage-rwx", "RWX", wrong},

		// labo-pod-cidr: 10.244.0.0/16, every digit and separator counts.
		{"labo-pod-cidr", "10.244.0.0/16", right},
		{"labo-pod-cidr", "10.244.0.0/16.", right},
		{"labo-pod-cidr", "10.244.0.0 / 16", right},
		{"labo-pod-cidr", "--pod-network-cidr=10.244.0.0/16", right},
		{"labo-pod-cidr", "pod-network-cidr=10.244.0.0/16", right},
		{"labo-pod-cidr", "10.24.40.0/16", wrong},
		{"labo-pod-cidr", "10.244.0.0/24", wrong},
		{"labo-pod-cidr", "10.244.0.0", wrong},
		{"labo-pod-cidr", "10.244.0.0/1", wrong},
		{"labo-pod-cidr", "10.244.00/16", wrong},
		{"labo-pod-cidr", "10 244 0 0 16", wrong},
		{"labo-pod-cidr", "10.96.0.0/12", wrong},
		{"labo-pod-cidr", "--service-cidr=10.244.0.0/16", wrong},

		// retenir-etcd-sante: etcd.
		{"retenir-etcd-sante", "etcd", right},
		{"retenir-etcd-sante", "kube-apiserver", wrong},

		// etcd-pannes-sur-5: 2.
		{"etcd-pannes-sur-5", "2", right},
		{"etcd-pannes-sur-5", "2 membres", right},
		{"etcd-pannes-sur-5", "2 members", right},
		{"etcd-pannes-sur-5", "+2", right},
		{"etcd-pannes-sur-5", "2,0", right},
		{"etcd-pannes-sur-5", "3", wrong},
		{"etcd-pannes-sur-5", "-2", wrong},
		{"etcd-pannes-sur-5", "2.5", wrong},
		{"etcd-pannes-sur-5", "deux", refused},
		{"etcd-pannes-sur-5", "2 ou 3", refused},
		{"etcd-pannes-sur-5", "", refused},

		// etcd-latence: 10 ms.
		{"etcd-latence", "10", right},
		{"etcd-latence", "10 ms", right},
		{"etcd-latence", "10ms", right},
		{"etcd-latence", "100", wrong},
		{"etcd-latence", "1", wrong},
		{"etcd-latence", "10 s", refused},
		{"etcd-latence", "dix", refused},
		{"etcd-latence", "<10", refused},

		// reseau-limite-iptables: about 5000.
		{"reseau-limite-iptables", "5000", right},
		{"reseau-limite-iptables", "5 000", right},
		{"reseau-limite-iptables", "5\u00a0000", right},
		{"reseau-limite-iptables", "~5000", right},
		{"reseau-limite-iptables", "5000 services", right},
		{"reseau-limite-iptables", "4500", right},
		{"reseau-limite-iptables", "100000", wrong},
		{"reseau-limite-iptables", "500", wrong},
		{"reseau-limite-iptables", "50 00", refused},
		{"reseau-limite-iptables", "5,000", refused},
		{"reseau-limite-iptables", "5k", refused},

		// ha-etcd-externe: 100 nodes.
		{"ha-etcd-externe", "100", right},
		{"ha-etcd-externe", "100 nœuds", right},
		{"ha-etcd-externe", "100 noeuds", right},
		{"ha-etcd-externe", "100 nodes", right},
		{"ha-etcd-externe", "1 0 0", refused},
		{"ha-etcd-externe", "1000", wrong},
		{"ha-etcd-externe", "10", wrong},
		{"ha-etcd-externe", "cent", refused},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		q := z.Question(tt.id)
		if q == nil {
			t.Fatalf("no question %s", tt.id)
		}
		covered[tt.id] = true
		t.Run(tt.id+"/"+tt.answer, func(t *testing.T) {
			if got := judge(q, tt.answer); got != tt.want {
				t.Errorf("%s: %q is %s, want %s", tt.id, tt.answer, got, tt.want)
			}
		})
	}
	for _, q := range z.Questions {
		if (q.Type == Short || q.Type == Numeric) && !covered[q.ID] {
			t.Errorf("%s (%s) has no row in this review", q.ID, q.Type)
		}
	}
}

func TestRefuse(t *testing.T) {
	num := &Question{Type: Numeric, Answer: 2, Unit: Text{FR: "membres"}}
	tests := []struct {
		name string
		q    *Question
		r    Response
		id   string // "" when not refused
	}{
		{"a number", num, Response{Text: "2"}, ""},
		{"a word", num, Response{Text: "deux"}, "quiz.answer.notnumber"},
		{"ambiguous", num, Response{Text: "2,000"}, "quiz.answer.ambiguous"},
		{"empty number", num, Response{Text: " "}, "quiz.answer.empty"},
		{"short blank", &Question{Type: Short, Accepted: []string{"etcd"}}, Response{Text: "?!"}, "quiz.answer.empty"},
		{"no choice", &Question{Type: Single, Choices: choices(true, false)}, Response{}, "quiz.answer.empty"},
		{"open without text", &Question{Type: Open, Rubric: []Text{{FR: "x"}}}, Response{Text: "  \n"}, "quiz.open.needtext"},
		{"open with text", &Question{Type: Open, Rubric: []Text{{FR: "x"}}}, Response{Text: "le quorum"}, ""},
		{"ordering", &Question{Type: Ordering, Items: []Text{{FR: "a"}, {FR: "b"}}}, Response{Order: []int{1, 0}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg, no := Refuse(tt.q, tt.r)
			if no != (tt.id != "") || msg.ID != tt.id {
				t.Errorf("Refuse = %q, %v; want %q", msg.ID, no, tt.id)
			}
		})
	}
	if msg, _ := Refuse(num, Response{Text: "2,000"}); msg.Data["Whole"] != "2000" {
		t.Errorf("ambiguous message data %v", msg.Data)
	}
}

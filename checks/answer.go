package checks

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/util/jsonpath"

	"kubetutor/i18n"
)

// AnswerParams grades the student's answer to a question against the live cluster: the
// expected values are read from objects of a resource, by JSONPath or as a count.
// « Sur quel nœud tourne etcd ? » is {resource: pods, namespace: kube-system, selector:
// component=etcd, jsonPath: "{.spec.nodeName}"}.
type AnswerParams struct {
	// APIVersion is the resource's group/version (default v1); Resource its plural name.
	APIVersion string `json:"apiVersion,omitempty"`
	Resource   string `json:"resource"`
	Namespace  string `json:"namespace,omitempty"`
	Name       string `json:"name,omitempty"`
	Selector   string `json:"selector,omitempty"`
	// JSONPath is evaluated on each object (kubectl syntax); its values are the answers.
	JSONPath string `json:"jsonPath,omitempty"`
	// Count makes the answer the number of objects.
	Count bool `json:"count,omitempty"`
	// All requires every value (the answer lists them, separated by commas or spaces);
	// otherwise any one of them is right.
	All bool `json:"all,omitempty"`
}

// Validate checks the resource and the JSONPath.
func (p *AnswerParams) Validate() error {
	if p.Resource == "" {
		return fmt.Errorf("resource is required")
	}
	if p.APIVersion == "" {
		p.APIVersion = "v1"
	}
	if _, err := schema.ParseGroupVersion(p.APIVersion); err != nil {
		return err
	}
	if p.Count == (p.JSONPath != "") {
		return fmt.Errorf("give either jsonPath or count")
	}
	if p.JSONPath != "" {
		if err := jsonpath.New("answer").Parse(p.JSONPath); err != nil {
			return fmt.Errorf("jsonPath: %w", err)
		}
	}
	return nil
}

func (p *AnswerParams) gvr() schema.GroupVersionResource {
	gv, _ := schema.ParseGroupVersion(p.APIVersion)
	return gv.WithResource(p.Resource)
}

func answerDeps(p *AnswerParams) []Dependency {
	return []Dependency{{Resource: p.gvr(), Namespace: p.Namespace}}
}

func runAnswer(ctx context.Context, env *Env, p *AnswerParams) (Result, error) {
	given := strings.TrimSpace(env.Answer)
	if given == "" {
		return Wait(i18n.M("checks.answer.none")), nil
	}
	objs, err := answerObjects(ctx, env, p)
	if err != nil {
		return Result{}, err
	}
	var want []string
	if p.Count {
		want = []string{strconv.Itoa(len(objs))}
	} else {
		for _, o := range objs {
			vals, err := jsonPathValues(p.JSONPath, o.Object)
			if err != nil {
				return Result{}, fmt.Errorf("jsonPath on %s: %w", o.GetName(), err)
			}
			want = append(want, vals...)
		}
	}
	if len(want) == 0 {
		// Nothing to read the answer from (yet): the object is gone, or not made again,
		// as in the etcd restore before etcd runs on the restored data.
		if p.Name != "" {
			return Wait(i18n.M("checks.answer.missing", "Resource", p.Resource, "Name", p.Name, "Namespace", p.Namespace)), nil
		}
		return Wait(i18n.M("checks.answer.nomatch", "Resource", p.Resource, "Selector", p.Selector, "Namespace", p.Namespace)), nil
	}
	if p.Count {
		if _, err := strconv.ParseFloat(strings.TrimRight(given, ". "), 64); err != nil {
			// « deux », « two »: the question asks for a number; say so, not « wrong ».
			return Fail(i18n.M("checks.answer.notnumber", "Answer", given)), nil
		}
	}
	if answerRight(given, want, p.All) {
		return Pass(i18n.M("checks.answer.right", "Answer", given)), nil
	}
	return Fail(i18n.M("checks.answer.wrong", "Answer", given)), nil
}

func answerObjects(ctx context.Context, env *Env, p *AnswerParams) ([]unstructured.Unstructured, error) {
	ri := env.Dynamic.Resource(p.gvr())
	var res interface {
		Get(context.Context, string, metav1.GetOptions, ...string) (*unstructured.Unstructured, error)
		List(context.Context, metav1.ListOptions) (*unstructured.UnstructuredList, error)
	} = ri
	if p.Namespace != "" {
		res = ri.Namespace(p.Namespace)
	}
	if p.Name != "" {
		o, err := res.Get(ctx, p.Name, metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("get %s %s: %w", p.Resource, p.Name, err)
		}
		return []unstructured.Unstructured{*o}, nil
	}
	list, err := res.List(ctx, metav1.ListOptions{LabelSelector: p.Selector})
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", p.Resource, err)
	}
	return list.Items, nil
}

func jsonPathValues(expr string, obj map[string]any) ([]string, error) {
	jp := jsonpath.New("answer").AllowMissingKeys(true)
	if err := jp.Parse(expr); err != nil {
		return nil, err
	}
	results, err := jp.FindResults(obj)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, set := range results {
		for _, v := range set {
			var b bytes.Buffer
			if err := jp.PrintResults(&b, []reflect.Value{v}); err != nil {
				return nil, err
			}
			if s := strings.TrimSpace(b.String()); s != "" {
				out = append(out, s)
			}
		}
	}
	return out, nil
}

// answerRight compares answers without case, spaces or trailing dots; numbers by value.
func answerRight(given string, want []string, all bool) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimRight(strings.TrimSpace(s), "."))
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return strconv.FormatFloat(f, 'g', -1, 64)
		}
		return s
	}
	var wants []string
	for _, w := range want {
		wants = append(wants, norm(w))
	}
	if !all {
		return slices.Contains(wants, norm(given))
	}
	parts := strings.FieldsFunc(given, func(r rune) bool { return r == ',' || r == ' ' || r == ';' })
	var got []string
	for _, g := range parts {
		got = append(got, norm(g))
	}
	slices.Sort(got)
	got = slices.Compact(got)
	slices.Sort(wants)
	wants = slices.Compact(wants)
	return slices.Equal(got, wants)
}

package labs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	sigsyaml "sigs.k8s.io/yaml"

	"kubetutor/i18n"
)

// parseManifests reads a multi-document YAML file of Kubernetes objects. Each object
// needs apiVersion, kind and metadata.name.
func parseManifests(fsys fs.FS, file string) ([]*unstructured.Unstructured, Problems) {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		// The caller attaches the setup entry's position.
		return nil, Problems{{Msg: fmt.Sprintf("setup manifest %s: %v", file, unwrapPath(err))}}
	}
	var objs []*unstructured.Unstructured
	var problems Problems
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			problems = append(problems, manifestProblem(file, yamlErrLine(err), "labs.problem.manifest.yaml", "Err", strings.TrimPrefix(err.Error(), "yaml: ")))
			break
		}
		if len(doc.Content) == 0 || (doc.Content[0].Kind == yaml.ScalarNode && doc.Content[0].Tag == "!!null") {
			continue
		}
		line := doc.Content[0].Line
		y, err := yaml.Marshal(&doc)
		if err != nil {
			problems = append(problems, manifestProblem(file, line, "labs.problem.manifest.object", "Err", err.Error()))
			continue
		}
		j, err := sigsyaml.YAMLToJSON(y)
		if err != nil {
			problems = append(problems, manifestProblem(file, line, "labs.problem.manifest.object", "Err", err.Error()))
			continue
		}
		obj := &unstructured.Unstructured{}
		if err := obj.UnmarshalJSON(j); err != nil {
			problems = append(problems, manifestProblem(file, line, "labs.problem.manifest.object", "Err", err.Error()))
			continue
		}
		if obj.GetAPIVersion() == "" || obj.GetKind() == "" || obj.GetName() == "" {
			problems = append(problems, manifestProblem(file, line, "labs.problem.manifest.fields"))
			continue
		}
		objs = append(objs, obj)
	}
	return objs, problems
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// applyRank orders kinds so that what others live in comes first.
var applyRank = map[string]int{"Namespace": 0, "CustomResourceDefinition": 1, "ServiceAccount": 2, "ConfigMap": 2, "Secret": 2}

// sortForApply puts namespaces and definitions first, keeping file order otherwise.
func sortForApply(objs []*unstructured.Unstructured) {
	rank := func(o *unstructured.Unstructured) int {
		if r, ok := applyRank[o.GetKind()]; ok {
			return r
		}
		return 3
	}
	sort.SliceStable(objs, func(i, j int) bool { return rank(objs[i]) < rank(objs[j]) })
}

// manifestProblem is a problem of a lab manifest: the labproblems catalogs' message id and
// its key, value pairs, kept localizable and rendered in English.
func manifestProblem(file string, line int, id string, kv ...any) Problem {
	m := i18n.M(id, kv...)
	return Problem{File: file, Line: line, Msg: m.String(), Message: m}
}

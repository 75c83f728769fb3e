package app

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"kubetutor/i18n"
	"kubetutor/labs"
)

// loadLabs loads every lab of the content root. Invalid content is printed problem by
// problem and fails the command.
func loadLabs(deps *Deps) ([]*labs.Lab, error) {
	content, err := deps.Content()
	if err != nil {
		return nil, err
	}
	all, err := labs.LoadAll(content)
	if err != nil {
		return nil, labsContentErr(deps, err)
	}
	return all, nil
}

// loadLab loads one lab by id.
func loadLab(deps *Deps, id string) (*labs.Lab, error) {
	content, err := deps.Content()
	if err != nil {
		return nil, err
	}
	lab, err := labs.Load(content, id)
	if errors.Is(err, fs.ErrNotExist) {
		ids, _ := labs.List(content)
		sort.Strings(ids)
		return nil, i18n.UsageErr(err, "labs.unknown", "ID", id, "Known", strings.Join(ids, ", "))
	}
	if err != nil {
		return nil, labsContentErr(deps, err)
	}
	return lab, nil
}

func labsContentErr(deps *Deps, err error) error {
	var ve *labs.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Fprintln(deps.Err, p.String())
		}
		return i18n.FailErr(err, "labs.invalid", "Count", len(ve.Problems))
	}
	return i18n.FailErr(err, "labs.unreadable")
}

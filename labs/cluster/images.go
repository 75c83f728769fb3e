package cluster

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"sigs.k8s.io/yaml"
)

// PinnedImagesPath is where the content root lists the images the labs use.
const PinnedImagesPath = "labs/images.yaml"

// PinnedImage is an image a lab uses, pinned to a tag or digest, with the labs that need it.
type PinnedImage struct {
	Name   string   `json:"name"`
	UsedBy []string `json:"used_by,omitempty"`
}

type pinnedFile struct {
	Images []PinnedImage `json:"images"`
}

// LoadPinnedImages reads labs/images.yaml from a content root. A root without the file
// pins nothing.
func LoadPinnedImages(root fs.FS) ([]PinnedImage, error) {
	data, err := fs.ReadFile(root, PinnedImagesPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var f pinnedFile
	if err := yaml.UnmarshalStrict(data, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", PinnedImagesPath, err)
	}
	seen := map[string]bool{}
	for i, img := range f.Images {
		if err := validImageName(img.Name); err != nil {
			return nil, fmt.Errorf("%s: image %d: %w", PinnedImagesPath, i+1, err)
		}
		if seen[img.Name] {
			return nil, fmt.Errorf("%s: image %q listed twice", PinnedImagesPath, img.Name)
		}
		seen[img.Name] = true
	}
	return f.Images, nil
}

// validImageName accepts a reference without a registry host: the engine's default
// registry applies, or an instructor's mirror configured in the engine.
func validImageName(name string) error {
	if name == "" {
		return errors.New("empty name")
	}
	if strings.ContainsAny(name, " \t\n") {
		return fmt.Errorf("%q: blanks in an image name", name)
	}
	if first, _, ok := strings.Cut(name, "/"); ok && (strings.ContainsAny(first, ".:") || first == "localhost") {
		return fmt.Errorf("%q: names a registry host; leave the host to the engine's settings", name)
	}
	return nil
}

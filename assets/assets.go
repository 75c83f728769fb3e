// Package assets embeds kubetutor's content: the course chapters and quizzes under
// course/, the labs under labs/. An instructor's --course DIR has the same layout.
package assets

import "embed"

// FS is the embedded content root.
//
//go:embed course labs
var FS embed.FS

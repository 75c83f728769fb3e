// Package common holds what every kubetutor screen shares: the window size, the styles,
// the translator, the global keys and the log, in one Common value the root hands to each
// screen, and the messages screens send the root to navigate.
package common

import (
	"io/fs"
	"log/slog"

	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/internal/progress"
	"kubetutor/lessons"
	"kubetutor/tui/render"
)

// MinWidth and MinHeight are the smallest window the screens lay out in; below it the
// root shows a message instead.
const (
	MinWidth  = 80
	MinHeight = 24
)

// Common is shared by every screen. Screens receive it by pointer from the root and
// never change it: the root updates it on resize and background changes.
type Common struct {
	// Width and Height are the window size.
	Width, Height int
	// Style is the glamour style: forced by --style, or picked from the terminal's
	// background. Auto until the terminal answered (or did not in time).
	Style render.Style
	// Styles are the lipgloss styles of the interface.
	Styles Styles
	// Tr renders catalog messages in the student's language.
	Tr *i18n.Translator
	// Keys are the keys every screen honours.
	Keys KeyMap
	// Log is kubetutor's log (a file; nothing is printed while the TUI runs).
	Log *slog.Logger
	// Course is the loaded course.
	Course *lessons.Course
	// Store is the progress store, nil when progress cannot be saved.
	Store *progress.Store
	// Content is the content root (course/, labs/) and ContentDir how messages name it
	// ("" for the embedded content): screens that load more content (quizzes) read it.
	Content    fs.FS
	ContentDir string
	// SectionNotes are lines the reader shows under some sections' headings (section id
	// → text): the map's key under sections 2 to 4.
	SectionNotes map[string]string
}

// OpenQuizMsg asks the root to open the quiz of a chapter, limited to a section when
// Section is set.
type OpenQuizMsg struct {
	Chapter string
	Section string
}

// OpenChapterMsg asks the root to open the reader on a chapter, at a section when
// Section is set (a section id or number).
type OpenChapterMsg struct {
	Chapter string
	Section string
}

// OpenClusterMsg asks the root to create the tutor's cluster, showing kind's steps; when
// ThenLab is set, that lab opens again once the cluster is up.
type OpenClusterMsg struct {
	ThenLab string
}

// OpenLabMsg asks the root to open the lab screen on a lab, by id.
type OpenLabMsg struct {
	Lab string
}

// OpenMapMsg asks the root to show the live architecture map.
type OpenMapMsg struct{}

// BackMsg asks the root to go back to the home screen.
type BackMsg struct{}

// QuitMsg asks the root to save what needs saving and quit.
type QuitMsg struct{}

// Send returns a command that delivers msg.
func Send(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// ProgressMsg carries the progress document, loaded or saved by a command. Screens that
// show progress refresh from it.
type ProgressMsg struct {
	Doc *progress.Document
	Err error
}

// LoadProgress loads the progress document in a command.
func LoadProgress(store *progress.Store) tea.Cmd {
	return func() tea.Msg {
		if store == nil {
			return ProgressMsg{Doc: &progress.Document{}}
		}
		doc, err := store.Load()
		return ProgressMsg{Doc: doc, Err: err}
	}
}

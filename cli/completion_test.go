package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// TestMain lets the test binary stand in for the program when a shell's
// completion script runs it (see TestBashCompletesEnvironment).
func TestMain(m *testing.M) {
	if os.Getenv("ORCID_TUI_TEST_AS_PROGRAM") == "1" {
		os.Exit(Main("test"))
	}
	os.Exit(m.Run())
}

func TestCompletionScripts(t *testing.T) {
	tests := []struct{ shell, want string }{
		{"bash", "complete -o default -F __start_orcid-tui orcid-tui"},
		{"zsh", "#compdef orcid-tui"},
		{"fish", "complete -c orcid-tui"},
		{"powershell", "Register-ArgumentCompleter"},
	}
	for _, tt := range tests {
		t.Run(tt.shell, func(t *testing.T) {
			r := runCLI(t, nil, "", "completion", tt.shell)
			if r.code != exitOK {
				t.Fatalf("exit %d; stderr %s", r.code, r.stderr)
			}
			if !strings.Contains(r.stdout, tt.want) {
				t.Errorf("the %s script lacks %q", tt.shell, tt.want)
			}
			if !strings.Contains(r.stdout, "__complete") {
				t.Errorf("the %s script does not ask the program for completions", tt.shell)
			}
		})
	}
}

func TestCompletionUsage(t *testing.T) {
	for _, args := range [][]string{{"completion"}, {"completion", "tcsh"}, {"completion", "bash", "zsh"}} {
		r := runCLI(t, nil, "", args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, "usage: orcid-tui completion bash|zsh|fish|powershell") {
			t.Errorf("%q: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	r := runCLI(t, nil, "", "help", "completion")
	if r.code != exitOK || !strings.Contains(r.stdout, "source <(orcid-tui completion bash)") {
		t.Errorf("help completion does not say how to install: exit %d\n%s", r.code, r.stdout)
	}
}

// complete runs cobra's completion request and returns the candidates
// (without descriptions) and the directive line.
func complete(t *testing.T, env map[string]string, args ...string) []string {
	t.Helper()
	r := runCLI(t, env, "", append([]string{"__complete"}, args...)...)
	if r.code != exitOK {
		t.Fatalf("__complete %q: exit %d, stderr %s", args, r.code, r.stderr)
	}
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		if strings.HasPrefix(line, ":") {
			continue // the directive
		}
		name, _, _ := strings.Cut(line, "\t")
		out = append(out, name)
	}
	return out
}

func TestCompleteValues(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfgPath, []byte("[environments.mine]\nregistry_url = \"https://orcid.example.org\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want []string
		not  []string
	}{
		{"environments", nil, []string{"--env", "s"}, []string{"production", "sandbox", "local", "demo"}, nil},
		{"configured environment", map[string]string{"ORCID_TUI_CONFIG": cfgPath}, []string{"--env", "m"}, []string{"mine", "sandbox"}, nil},
		{"environment after the command", nil, []string{"show", "--env", ""}, []string{"sandbox"}, nil},
		{"sections", nil, []string{"show", "--section", "w"}, []string{"works", "peer-reviews", "research-resources"}, nil},
		{"raw formats", nil, []string{"show", "--format", ""}, []string{"json", "xml"}, nil},
		{"search output", nil, []string{"search", "--output", ""}, []string{"text", "json"}, nil},
		{"scopes", nil, []string{"login", "--scopes", ""}, []string{"openid", "/activities/update"}, nil},
		{"demo iDs", nil, []string{"--demo", "show", ""}, []string{orcidtest.CarberryID, orcidtest.TanakaID}, nil},
		{"no iDs without a sign-in", nil, []string{"show", ""}, nil, []string{orcidtest.CarberryID}},
		{"commands", nil, []string{""}, []string{"search", "show", "login", "completion"}, nil},
		{"config verbs", nil, []string{"config", ""}, []string{"path", "show"}, nil},
		{"shells", nil, []string{"completion", ""}, []string{"bash", "zsh", "fish", "powershell"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := complete(t, tt.env, tt.args...)
			for _, w := range tt.want {
				if !contains(got, w) {
					t.Errorf("completing %q offers %q, not %q", tt.args, got, w)
				}
			}
			for _, w := range tt.not {
				if contains(got, w) {
					t.Errorf("completing %q offers %q", tt.args, w)
				}
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestBashCompletesEnvironment loads the generated script into a real bash
// and completes "orcid-tui --env sa<TAB>" through it: the script runs the
// program (this test binary, standing in through TestMain) and must offer
// exactly "sandbox".
func TestBashCompletesEnvironment(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash on this machine")
	}
	// The script, like every cobra bash script, builds on the
	// bash-completion package (.ci/run installs it).
	const bashCompletion = "/usr/share/bash-completion/bash_completion"
	if _, err := os.Stat(bashCompletion); err != nil {
		t.Skip("the bash-completion package is not installed (" + bashCompletion + ")")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink(self, filepath.Join(dir, "orcid-tui")); err != nil {
		t.Fatal(err)
	}
	script := runCLI(t, nil, "", "completion", "bash")
	if script.code != exitOK {
		t.Fatalf("completion bash: exit %d", script.code)
	}
	scriptPath := filepath.Join(dir, "orcid-tui.bash")
	if err := os.WriteFile(scriptPath, []byte(script.stdout), 0o600); err != nil {
		t.Fatal(err)
	}
	line := "orcid-tui --env sa"
	prog := `source "$3"; source "$1"
COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}
read -r -a COMP_WORDS <<< "$COMP_LINE"; COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
__start_orcid-tui orcid-tui "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"`
	cmd := exec.Command(bash, "--norc", "--noprofile", "-c", prog, "bash", scriptPath, line, bashCompletion)
	cmd.Env = []string{
		"PATH=" + dir + string(os.PathListSeparator) + os.Getenv("PATH"),
		"HOME=" + dir,
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
		"ORCID_TUI_TEST_AS_PROGRAM=1",
	}
	// compopt complains on stderr outside a real completion; only what
	// the completion offers (stdout) counts.
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, stderr.String())
	}
	if got := strings.TrimSpace(string(out)); got != "sandbox" {
		t.Errorf("bash completes %q to %q, want \"sandbox\"", line, got)
	}
}

// TestSingleDashFlags: the single-dash spellings of the Go flag package
// this program began with keep working, help included, and an unknown one
// is named as typed.
func TestSingleDashFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		out  string // on stdout (exit 0) or stderr
	}{
		{[]string{"-help"}, exitOK, "exit status:"},
		{[]string{"search", "-help"}, exitOK, "iD<TAB>name<TAB>institutions"},
		{[]string{"-frob"}, exitUsage, "flag provided but not defined: -frob\n"},
		{[]string{"--demo", "search", "-rows", "1", "carberry"}, exitOK, "0000-0002-1825-0097\t"},
	} {
		r := runCLI(t, nil, "", tt.args...)
		got := r.stdout
		if tt.code != exitOK {
			got = r.stderr
		}
		if r.code != tt.code || !strings.Contains(got, tt.out) {
			t.Errorf("%q: exit %d, output %q; want %d and %q", tt.args, r.code, got, tt.code, tt.out)
		}
	}
}

package orcid_test

import (
	"context"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// pageReplies are pages answered with a success status (a proxy's
// maintenance or sign-in page) quoting the token in ways an exact search
// misses: cut by an escape sequence, or upper-cased.
var pageReplies = []echoReply{
	{"200 HTML page, the token cut by an escape sequence", 200, "text/html", func(tok string) string {
		return "<html>your token " + tok[:10] + "\x1b[0m" + tok[10:] + "</html>"
	}},
	{"200 HTML page, the token upper-cased", 200, "text/html;charset=UTF-8", func(tok string) string {
		return "<html>your token " + strings.ToUpper(tok) + "</html>"
	}},
	{"200 text page, the token cut by an escape sequence", 200, "text/plain", func(tok string) string {
		return "Sign in again: " + tok[:10] + "\x1b[0m" + tok[10:]
	}},
}

// checkNoTokenAnyCase is checkNoToken for text that may hold the token
// upper-cased.
func checkNoTokenAnyCase(t *testing.T, texts map[string]string) {
	t.Helper()
	lower := make(map[string]string, len(texts))
	for k, s := range texts {
		lower[k] = strings.ToLower(s)
	}
	checkNoToken(t, lower)
}

// TestEchoedTokenMaskedInSuccessPages: a page that came with a success
// status is not an ORCID document; whichever call it answers (a read, a CSV
// search, whose answer is text, an update or a delete), the error quoting
// it shows no part of the token.
func TestEchoedTokenMaskedInSuccessPages(t *testing.T) {
	for _, reply := range pageReplies {
		t.Run(reply.name, func(t *testing.T) {
			c := echoClient(t, echoServer(t, reply))
			ctx := context.Background()
			// A raw read returns the page as its body (show --raw prints it).
			body, err := c.Get(ctx, orcid.RecordPath("0000-0002-1825-0097"), orcid.JSON, nil)
			if body == nil {
				t.Fatalf("get: no body (%v)", err)
			}
			checkNoTokenAnyCase(t, map[string]string{"Body.Data": string(body.Data)})
			if _, err := c.Record(ctx, "0000-0002-1825-0097"); err == nil {
				t.Error("record: no error")
			} else {
				checkNoTokenAnyCase(t, shownTexts(err, nil))
			}
			if _, err := c.CSVSearch(ctx, orcid.CSVSearchParams{Query: "carberry"}); err == nil {
				t.Error("csv search: no error")
			} else {
				checkNoTokenAnyCase(t, shownTexts(err, nil))
			}
			if _, err := c.UpdateRaw(ctx, "0000-0002-1825-0097", orcid.KindWork, 5, []byte(`{"put-code":5}`), orcid.JSON); err == nil {
				t.Error("update: no error")
			} else {
				checkNoTokenAnyCase(t, shownTexts(err, nil))
			}
			if _, err := c.Delete(ctx, "0000-0002-1825-0097", orcid.KindWork, 5); err == nil {
				t.Error("delete: no error")
			} else {
				checkNoTokenAnyCase(t, shownTexts(err, nil))
			}
		})
	}
}

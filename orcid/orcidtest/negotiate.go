package orcidtest

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// format is a negotiated representation.
type format struct {
	xml    bool
	pretty bool
	ctype  string // Content-Type to answer with
}

var supported = map[string]format{
	"application/vnd.orcid+xml":  {xml: true},
	"application/orcid+xml":      {xml: true},
	"application/xml":            {xml: true},
	"application/vnd.orcid+json": {pretty: true},
	"application/orcid+json":     {pretty: true},
	"application/json":           {},
}

// negotiate picks the representation for an Accept header like ORCID: no
// Accept (or */*) means application/vnd.orcid+xml; the chosen type is echoed
// in Content-Type with its parameters and ";charset=UTF-8". ok is false when
// nothing acceptable is produced (406).
func negotiate(accept string) (f format, ok bool) {
	def := format{xml: true, ctype: "application/vnd.orcid+xml;charset=UTF-8"}
	if strings.TrimSpace(accept) == "" {
		return def, true
	}
	type cand struct {
		typ    string
		params map[string]string
		q      float64
		i      int
	}
	var cands []cand
	for i, part := range strings.Split(accept, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		typ, params, err := mime.ParseMediaType(part)
		if err != nil {
			typ, _, _ = strings.Cut(part, ";")
			typ, params = strings.ToLower(strings.TrimSpace(typ)), nil
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if p, err := strconv.ParseFloat(v, 64); err == nil {
				q = p
			}
		}
		cands = append(cands, cand{typ, params, q, i})
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].q > cands[b].q })
	for _, c := range cands {
		if c.q <= 0 {
			continue
		}
		if c.typ == "*/*" || c.typ == "application/*" {
			return def, true
		}
		f, ok := supported[c.typ]
		if !ok {
			continue
		}
		var keys []string
		for k := range c.params {
			if k != "q" && k != "charset" {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		ct := c.typ
		for _, k := range keys {
			ct += "; " + k + "=" + c.params[k]
		}
		f.ctype = ct + ";charset=UTF-8"
		return f, true
	}
	return format{}, false
}

// marshalJSON writes v as ORCID's Jackson does: no HTML escaping, pretty
// with two-space indentation for the vnd/orcid+json types.
func marshalJSON(v any, pretty bool) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if pretty {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		panic(err) // the registry's own values always encode
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// reply writes v in format f; xmlFn writes the XML form (nil: this resource
// has no XML here, answered 406).
func reply(w http.ResponseWriter, f format, status int, v any, xmlFn func(x *xw)) {
	var body []byte
	if f.xml {
		if xmlFn == nil {
			notAcceptable(w)
			return
		}
		x := newXW()
		xmlFn(x)
		body = x.bytes()
	} else {
		body = marshalJSON(v, f.pretty)
	}
	body = hostileBytes(body, f.xml) // HostileID: bytes no encoder writes
	w.Header().Set("Content-Type", f.ctype)
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func notAcceptable(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
	w.WriteHeader(http.StatusNotAcceptable)
	_, _ = w.Write([]byte("406 Not Acceptable: this resource is available as application/vnd.orcid+xml, application/orcid+xml, application/xml, application/vnd.orcid+json, application/orcid+json and application/json\n"))
}

// ---- ORCID error documents ---------------------------------------------

const moreInfo = "https://members.orcid.org/api/resources/troubleshooting"

func errDoc(status, code int, dev, user string) *orcid.ErrorDocument {
	return &orcid.ErrorDocument{ResponseCode: status, DeveloperMessage: dev, UserMessage: user, ErrorCode: code, MoreInfo: moreInfo}
}

func writeError(w http.ResponseWriter, f format, e *orcid.ErrorDocument) {
	reply(w, f, e.ResponseCode, e, func(x *xw) { x.errorDoc(e) })
}

func errNotFoundID(id string) *orcid.ErrorDocument {
	return errDoc(404, 9016, "404 Not Found: The resource was not found. Full validation error: ORCID iD "+id+" not found", "The resource was not found.")
}

func errNotFoundItem() *orcid.ErrorDocument {
	return errDoc(404, 9016, "404 Not Found: The resource was not found. Full validation error: No entity found for query", "The resource was not found.")
}

func errBadPutCode(s string) *orcid.ErrorDocument {
	return errDoc(400, 9006, "The client application sent a bad request to ORCID. Full validation error: For input string: \""+s+"\"", "The client application sent a bad request to ORCID.")
}

func errRows() *orcid.ErrorDocument {
	return errDoc(400, 9012, "The client application made a bad request to the ORCID API. Full validation error: The rows parameter must be an integer between 0 and 1000", "The client application made a bad request to the ORCID API.")
}

func errStart() *orcid.ErrorDocument {
	const m = "The start parameter for API users without credentials must be an integer between 0 and 10,000"
	return errDoc(400, 9043, m, m)
}

func errTooManyPutCodes() *orcid.ErrorDocument {
	return errDoc(400, 9042, "Too many put codes specified: maximum is 100", "Too many put codes supplied")
}

func errSolr(msg string) *orcid.ErrorDocument {
	return errDoc(500, 9008, solrMessage(&searchError{msg}), "Something went wrong in ORCID.")
}

func errLocked(id string) *orcid.ErrorDocument {
	return errDoc(409, 9018, "409 Conflict: The ORCID record is locked and cannot be edited. ORCID "+id+" Full validation error: "+id+" is locked", "The ORCID record is locked.")
}

func errDeactivated(id string) *orcid.ErrorDocument {
	return errDoc(409, 9044, "409 Conflict: The ORCID record is deactivated and cannot be edited. Full validation error: "+id+" is deactivated", "The ORCID record is deactivated.")
}

func errDeprecated(status int, base, id, primary string) *orcid.ErrorDocument {
	user := "This account is deprecated. Please refer to account: " + base + "/" + primary + "."
	dev := user
	if status == http.StatusMovedPermanently {
		dev = "301 Moved Permanently: This account is deprecated. Please refer to account: " + base + "/" + primary + ". ORCID " + base + "/" + id
	}
	return errDoc(status, 9007, dev, user)
}

// oauthError writes the auth filter's JSON body (always JSON, whatever Accept says).
func oauthError(w http.ResponseWriter, status int, code, desc string) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_, _ = w.Write(marshalJSON(map[string]string{"error": code, "error_description": desc}, false))
}

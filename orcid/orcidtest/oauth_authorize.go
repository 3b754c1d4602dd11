package orcidtest

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// scopeWords says what a scope allows, as ORCID's consent page does.
var scopeWords = map[string]string{
	"/authenticate":      "Get your ORCID iD",
	"openid":             "Get your ORCID iD and public name (OpenID Connect)",
	"/read-limited":      "Read your information with visibility set to Trusted Parties",
	"/activities/update": "Add/update your research activities (works, affiliations, etc)",
	"/person/update":     "Add/update other information about you (country, keywords, etc.)",
}

// consentPeople are the demo people one may sign in as.
var consentPeople = []string{CarberryID, AngstromID, TanakaID, NunezID, SokolovaID, EmptyID}

// handleAuthorize serves GET (the consent page) and POST (the decision) of
// /oauth/authorize.
func (o *oauthState) handleAuthorize(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		o.authorizeGet(w, r)
	case http.MethodPost:
		o.authorizePost(w, r)
	default:
		w.Header().Set("Allow", "GET, POST")
		errorPage(w, http.StatusMethodNotAllowed, "Method not allowed", "")
	}
}

func (o *oauthState) authorizeGet(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	o.mu.Lock()
	c, ok := o.clients[q.Get("client_id")]
	o.mu.Unlock()
	if !ok {
		errorPage(w, http.StatusBadRequest, "Unknown client", "The application that sent you here (client_id "+q.Get("client_id")+") is not registered.")
		return
	}
	redirect := q.Get("redirect_uri")
	if redirect == "" || !redirectAllowed(c, redirect) {
		// Never redirect to an unregistered URI: show the error here.
		errorPage(w, http.StatusBadRequest, "Redirect URI mismatch", "The redirect URI "+redirect+" is not registered for "+c.Name+". Redirect URI doesn't match your registered redirect URIs.")
		return
	}
	state := q.Get("state")
	if q.Get("response_type") != "code" {
		redirectError(w, r, redirect, state, "unsupported_response_type", "Only response_type=code is supported here")
		return
	}
	scopes := strings.Fields(q.Get("scope"))
	if len(scopes) == 0 {
		redirectError(w, r, redirect, state, "invalid_scope", "Invalid scope: none given")
		return
	}
	for _, sc := range scopes {
		if !slices.Contains(threeLeggedScopes, sc) || (!c.Member && slices.Contains(memberScopes, sc)) {
			redirectError(w, r, redirect, state, "invalid_scope", "Invalid scope: "+sc)
			return
		}
	}
	if q.Get("prompt") == "none" {
		redirectError(w, r, redirect, state, "login_required", "The user is not signed in")
		return
	}
	id := randomHex(16)
	o.mu.Lock()
	now := time.Now()
	for k, p := range o.pending { // forget abandoned consent pages
		if now.Sub(p.created) > time.Hour {
			delete(o.pending, k)
		}
	}
	o.pending[id] = &authRequest{client: c, redirect: redirect, scopes: scopes, state: state, nonce: q.Get("nonce"), created: now}
	o.mu.Unlock()

	type person struct {
		ID, Name string
		Selected bool
	}
	var people []person
	d := theData()
	for _, pid := range consentPeople {
		p, _, ok := d.lookup(pid)
		if !ok {
			continue
		}
		name := p.fullName()
		if p.NamePrivate || name == "" {
			name = "(name not public)"
		}
		people = append(people, person{ID: pid, Name: name, Selected: pid == DemoUserID})
	}
	var words []string
	for _, sc := range scopes {
		words = append(words, scopeWords[sc])
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Frame-Options", "DENY")
	_ = consentTmpl.Execute(w, map[string]any{
		"Client": c.Name, "ClientID": c.ID, "Scopes": words, "Request": id, "People": people, "Redirect": redirect,
	})
}

func (o *oauthState) authorizePost(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		errorPage(w, http.StatusBadRequest, "Bad request", "The form could not be read.")
		return
	}
	o.mu.Lock()
	req, ok := o.pending[r.PostForm.Get("request")]
	delete(o.pending, r.PostForm.Get("request"))
	o.mu.Unlock()
	if !ok {
		errorPage(w, http.StatusBadRequest, "Authorization request expired", "This consent page was already answered or is too old. Go back to the application and start again.")
		return
	}
	if r.PostForm.Get("decision") != "authorize" {
		redirectError(w, r, req.redirect, req.state, "access_denied", "User denied access")
		return
	}
	who := r.PostForm.Get("orcid")
	if !slices.Contains(consentPeople, who) {
		who = DemoUserID
	}
	code := newCode()
	now := time.Now()
	o.mu.Lock()
	o.codes[code] = &authCode{
		clientID: req.client.ID, redirect: req.redirect, scopes: req.scopes, orcid: who,
		nonce: req.nonce, authTime: now, expires: now.Add(10 * time.Minute),
	}
	o.mu.Unlock()
	v := url.Values{"code": {code}}
	if req.state != "" {
		v.Set("state", req.state)
	}
	http.Redirect(w, r, withQuery(req.redirect, v), http.StatusFound)
}

func withQuery(base string, v url.Values) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	q := u.Query()
	for k, vs := range v {
		q[k] = vs
	}
	u.RawQuery = q.Encode()
	return u.String()
}

func redirectError(w http.ResponseWriter, r *http.Request, redirect, state, code, desc string) {
	v := url.Values{"error": {code}, "error_description": {desc}}
	if state != "" {
		v.Set("state", state)
	}
	http.Redirect(w, r, withQuery(redirect, v), http.StatusFound)
}

func errorPage(w http.ResponseWriter, status int, title, text string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = errorTmpl.Execute(w, map[string]string{"Title": title, "Text": text})
}

const pageStyle = `<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f4f4f4;color:#2e2e2e;margin:0}
header{background:#fff;border-bottom:3px solid #a6ce39;padding:.8rem 1.5rem;font-weight:600}
header span{color:#a6ce39}
main{max-width:34rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:6px;box-shadow:0 1px 3px #0002}
h1{font-size:1.3rem}ul{padding-left:1.2rem}li{margin:.3rem 0}
label{display:block;margin:1rem 0 .3rem;font-weight:600}select{font-size:1rem;padding:.3rem;width:100%}
.buttons{display:flex;gap:1rem;margin-top:1.5rem}
button{font-size:1rem;padding:.6rem 1.4rem;border-radius:4px;border:1px solid #888;background:#fff;cursor:pointer}
button.primary{background:#a6ce39;border-color:#7fa12a;color:#fff;font-weight:600}
small{color:#666}
</style>`

var consentTmpl = template.Must(template.New("consent").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Authorize access · ORCID (in-process registry)</title>` + pageStyle + `</head>
<body><header><span>iD</span> ORCID · in-process registry (demo data)</header>
<main>
<h1>Authorize access</h1>
<p><strong>{{.Client}}</strong> <small>({{.ClientID}})</small> has asked for the following access to your ORCID record:</p>
<ul>{{range .Scopes}}<li>{{.}}</li>{{end}}</ul>
<form method="post" action="/oauth/authorize">
<input type="hidden" name="request" value="{{.Request}}">
<label for="orcid">Signed in as</label>
<select id="orcid" name="orcid">{{range .People}}<option value="{{.ID}}"{{if .Selected}} selected{{end}}>{{.Name}} · {{.ID}}</option>{{end}}</select>
<div class="buttons">
<button class="primary" type="submit" name="decision" value="authorize">Authorize access</button>
<button type="submit" name="decision" value="deny">Deny access</button>
</div>
</form>
<p><small>You will be sent back to {{.Redirect}}</small></p>
</main></body></html>
`))

var errorTmpl = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}} · ORCID (in-process registry)</title>` + pageStyle + `</head>
<body><header><span>iD</span> ORCID · in-process registry (demo data)</header>
<main><h1>{{.Title}}</h1><p>{{.Text}}</p></main></body></html>
`))

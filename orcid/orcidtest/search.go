package orcidtest

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Search fields. A doc holds the tokens of each value of a text field, and
// the lower-cased whole values of id fields.
const (
	fGiven = iota
	fFamily
	fGivenFamily
	fCredit
	fOther
	fKeyword
	fAffOrg
	fCurrentInst
	fPastInst
	fBio
	fWorkTitle
	fFundingTitle
	fFundingOrg
	fGrant
	fOrcid
	fEmail
	fROR
	fExtRef  // person external identifier values
	fWorkIDs // "type\x00relationship\x00value"
	nFields
)

var fieldNames = map[string]int{
	"given-names":                          fGiven,
	"family-name":                          fFamily,
	"given-and-family-names":               fGivenFamily,
	"credit-name":                          fCredit,
	"other-names":                          fOther,
	"keyword":                              fKeyword,
	"affiliation-org-name":                 fAffOrg,
	"current-institution-affiliation-name": fCurrentInst,
	"past-institution-affiliation-name":    fPastInst,
	"biography":                            fBio,
	"work-titles":                          fWorkTitle,
	"title":                                fWorkTitle,
	"funding-titles":                       fFundingTitle,
	"funding-org-name":                     fFundingOrg,
	"grant-numbers":                        fGrant,
	"orcid":                                fOrcid,
	"email":                                fEmail,
	"ror-org-id":                           fROR,
	"external-id-reference":                fExtRef,
}

// knownUnindexed are fields ORCID's Solr knows that this registry does not
// index: queries on them are valid and match nothing.
var knownUnindexed = map[string]bool{
	"ringgold-org-id": true, "grid-org-id": true, "fundref-org-id": true, "external-id-type-and-value": true,
	"peer-review-type": true, "peer-review-role": true, "peer-review-group-id": true,
	"profile-submission-date": true, "profile-last-modified-date": true,
	"research-resource-proposal-title": true, "research-resource-item-name": true, "_version_": true, "score": true,
}

var idFields = map[int]bool{fOrcid: true, fEmail: true, fROR: true, fGrant: true, fExtRef: true}

// workIDTypes are identifier types usable as <type>, <type>-self,
// <type>-part-of and <type>-version-of fields.
var workIDTypes = map[string]bool{"doi": true, "isbn": true, "pmid": true, "arxiv": true, "pmc": true, "issn": true, "handle": true, "eid": true, "wosuid": true, "uri": true, "source-work-id": true}

type doc struct {
	order int // position in result order
	spec  func() *personSpec
	id    string
	f     [nFields][]string
	tok   [nFields][][]string // tokens of each value of text fields
}

type searchIndex struct {
	docs []*doc
}

var theIndex = sync.OnceValue(func() *searchIndex {
	d := theData()
	idx := &searchIndex{docs: make([]*doc, 0, len(d.hand)+SyntheticPeople)}
	for _, p := range d.hand {
		if p.Status != statusActive {
			continue // ORCID removes deprecated, locked and deactivated records from Solr
		}
		idx.docs = append(idx.docs, makeDoc(p, len(idx.docs)))
	}
	for i := 0; i < SyntheticPeople; i++ {
		idx.docs = append(idx.docs, makeDoc(synthetic(i), len(idx.docs)))
	}
	return idx
})

func makeDoc(p *personSpec, order int) *doc {
	d := &doc{order: order, id: p.ID, spec: func() *personSpec { return p }}
	add := func(f int, vals ...string) {
		for _, v := range vals {
			if v == "" {
				continue
			}
			if idFields[f] || f == fWorkIDs {
				d.f[f] = append(d.f[f], strings.ToLower(v))
				continue
			}
			d.tok[f] = append(d.tok[f], tokens(v))
		}
	}
	add(fOrcid, p.ID)
	if !p.NamePrivate {
		add(fGiven, p.Given)
		add(fFamily, p.Family)
		add(fGivenFamily, p.fullName())
		add(fCredit, p.Credit)
	}
	add(fOther, p.OtherNames...)
	add(fKeyword, p.Keywords...)
	add(fBio, p.Bio)
	add(fEmail, p.Emails...)
	cur, past := institutionsOf(p)
	add(fCurrentInst, cur...)
	add(fPastInst, past...)
	add(fAffOrg, cur...)
	add(fAffOrg, past...)
	for _, s := range affSections {
		for _, a := range p.affs(s.Section) {
			add(fROR, a.Org.ROR)
		}
	}
	for _, x := range p.ExtIDs {
		add(fExtRef, x.Value)
	}
	for _, f := range p.Fundings {
		add(fFundingTitle, f.Title)
		add(fFundingOrg, f.Org.Name)
		add(fGrant, f.Grant)
	}
	for _, w := range p.works() {
		add(fWorkTitle, w.Title)
		rel := "self"
		if w.Type == "book-chapter" {
			rel = "part-of"
		}
		for _, x := range [][2]string{{"doi", w.DOI}, {"isbn", w.ISBN}, {"pmid", w.PMID}, {"arxiv", w.ArXiv}} {
			if x[1] != "" {
				r := "self"
				if x[0] == "isbn" {
					r = rel
				}
				add(fWorkIDs, x[0]+"\x00"+r+"\x00"+x[1])
			}
		}
	}
	return d
}

// ---- queries ---------------------------------------------------------------

// searchError is a Solr error, answered as 500/9008 like ORCID does.
type searchError struct{ msg string }

func (e *searchError) Error() string { return e.msg }

type node interface {
	// score is 0 when d does not match.
	score(d *doc) float64
}

type matchAll struct{}

func (matchAll) score(*doc) float64 { return 1 }

type matchNone struct{}

func (matchNone) score(*doc) float64 { return 0 }

type orNode []node

func (n orNode) score(d *doc) float64 {
	s := 0.0
	for _, c := range n {
		s += c.score(d)
	}
	return s
}

type andNode []node

func (n andNode) score(d *doc) float64 {
	s := 0.0
	for _, c := range n {
		v := c.score(d)
		if v == 0 {
			return 0
		}
		s += v
	}
	return s
}

type notNode struct{ n node }

func (n notNode) score(d *doc) float64 {
	if n.n.score(d) > 0 {
		return 0
	}
	return 1
}

// termNode matches words (a phrase when several) in some fields.
type termNode struct {
	fields []int
	words  []string // folded tokens; a phrase when len > 1
	raw    string   // lower-cased whole value for id fields
	prefix bool     // last word ends with *
	any    bool     // field:* or field:[* TO *]
	workID *workIDField
	boost  float64
}

type workIDField struct{ typ, rel string } // rel "" = any

func (t *termNode) score(d *doc) float64 {
	best := 0.0
	for _, f := range t.fields {
		if t.matchField(d, f) {
			b := t.boost
			if b == 0 {
				b = 1
			}
			if b > best {
				best = b
			}
		}
	}
	if t.workID != nil {
		for _, v := range d.f[fWorkIDs] {
			parts := strings.SplitN(v, "\x00", 3)
			if parts[0] != t.workID.typ || (t.workID.rel != "" && parts[1] != t.workID.rel) {
				continue
			}
			if t.any || parts[2] == t.raw || (t.prefix && strings.HasPrefix(parts[2], strings.TrimSuffix(t.raw, "*"))) {
				return 1
			}
		}
	}
	return best
}

func (t *termNode) matchField(d *doc, f int) bool {
	if t.any {
		return len(d.f[f]) > 0 || len(d.tok[f]) > 0
	}
	if idFields[f] {
		for _, v := range d.f[f] {
			if v == t.raw || (t.prefix && strings.HasPrefix(v, strings.TrimSuffix(t.raw, "*"))) {
				return true
			}
		}
		return false
	}
	for _, toks := range d.tok[f] {
		if phraseIn(toks, t.words, t.prefix) {
			return true
		}
	}
	return false
}

func phraseIn(toks, words []string, prefix bool) bool {
	if len(words) == 0 {
		return false
	}
	for i := 0; i+len(words) <= len(toks); i++ {
		ok := true
		for j, w := range words {
			last := j == len(words)-1
			if toks[i+j] != w && !(last && prefix && strings.HasPrefix(toks[i+j], w)) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// textFields is what the catch-all field "text" covers.
var textFields = []int{fGiven, fFamily, fGivenFamily, fCredit, fOther, fKeyword, fAffOrg, fBio, fWorkTitle, fFundingTitle, fFundingOrg, fOrcid, fEmail, fGrant, fExtRef}

// resolveField maps a Solr field name to what a term on it searches.
func resolveField(name string) (fields []int, wid *workIDField, err error) {
	if name == "text" {
		return textFields, &workIDField{typ: "doi"}, nil
	}
	if f, ok := fieldNames[name]; ok {
		return []int{f}, nil, nil
	}
	if name == "digital-object-ids" {
		return nil, &workIDField{typ: "doi"}, nil
	}
	for _, suf := range []string{"-self", "-part-of", "-version-of"} {
		if t, ok := strings.CutSuffix(name, suf); ok && workIDTypes[t] {
			return nil, &workIDField{typ: t, rel: suf[1:]}, nil
		}
	}
	if workIDTypes[name] {
		return nil, &workIDField{typ: name}, nil
	}
	if knownUnindexed[name] {
		return nil, nil, nil
	}
	return nil, nil, &searchError{"undefined field " + name}
}

func newTerm(field string, value string, quoted bool) (node, error) {
	fields, wid, err := resolveField(field)
	if err != nil {
		return nil, err
	}
	if fields == nil && wid == nil {
		return matchNone{}, nil
	}
	t := &termNode{fields: fields, workID: wid, raw: strings.ToLower(value)}
	if value == "*" || value == "[* TO *]" {
		t.any = true
		return t, nil
	}
	if strings.HasPrefix(value, "[") || strings.HasPrefix(value, "{") {
		return matchAll{}, nil // ranges (dates) are accepted; the demo has no dates to compare
	}
	if !quoted && strings.HasSuffix(value, "*") {
		t.prefix = true
	}
	t.words = tokens(strings.TrimSuffix(value, "*"))
	if len(t.words) == 0 && !t.prefix {
		return matchNone{}, nil
	}
	return t, nil
}

// ---- Lucene query parser (the subset people type) -----------------------------

type lexItem struct {
	kind   int // 0 word, 1 '(', 2 ')', 3 AND, 4 OR, 5 NOT
	field  string
	value  string
	quoted bool
	group  []lexItem // field:( ... )
}

func lex(q string) ([]lexItem, error) {
	var out []lexItem
	i := 0
	for i < len(q) {
		c := q[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(':
			out = append(out, lexItem{kind: 1})
			i++
		case c == ')':
			out = append(out, lexItem{kind: 2})
			i++
		case c == '"':
			end := strings.IndexByte(q[i+1:], '"')
			if end < 0 {
				return nil, &searchError{"Cannot parse '" + q + "': Lexical error: unterminated quoted string"}
			}
			out = append(out, lexItem{value: q[i+1 : i+1+end], quoted: true})
			i += end + 2
		default:
			start := i
			for i < len(q) && !strings.ContainsRune(" \t\n\r()\"", rune(q[i])) {
				if q[i] == ':' {
					break
				}
				i++
			}
			word := q[start:i]
			if i < len(q) && q[i] == ':' && word != "" {
				field := word
				i++
				it := lexItem{field: field}
				switch {
				case i < len(q) && q[i] == '"':
					end := strings.IndexByte(q[i+1:], '"')
					if end < 0 {
						return nil, &searchError{"Cannot parse '" + q + "': Lexical error: unterminated quoted string"}
					}
					it.value, it.quoted = q[i+1:i+1+end], true
					i += end + 2
				case i < len(q) && q[i] == '(':
					depth, j := 0, i
					for ; j < len(q); j++ {
						if q[j] == '(' {
							depth++
						} else if q[j] == ')' {
							depth--
							if depth == 0 {
								break
							}
						}
					}
					if j >= len(q) {
						return nil, &searchError{"Cannot parse '" + q + "': Encountered \"<EOF>\""}
					}
					inner, err := lex(q[i+1 : j])
					if err != nil {
						return nil, err
					}
					it.group = inner
					i = j + 1
				case i < len(q) && (q[i] == '[' || q[i] == '{'):
					end := strings.IndexAny(q[i:], "]}")
					if end < 0 {
						return nil, &searchError{"Cannot parse '" + q + "': Encountered \"<EOF>\""}
					}
					it.value = q[i : i+end+1]
					i += end + 1
				default:
					s := i
					for i < len(q) && !strings.ContainsRune(" \t\n\r()", rune(q[i])) {
						i++
					}
					it.value = q[s:i]
				}
				if it.value == "" && it.group == nil {
					return nil, &searchError{"Cannot parse '" + q + "': Encountered \"<EOF>\" at line 1, column " + strconv.Itoa(len(q))}
				}
				out = append(out, it)
				continue
			}
			switch word {
			case "AND", "&&":
				out = append(out, lexItem{kind: 3})
			case "OR", "||":
				out = append(out, lexItem{kind: 4})
			case "NOT":
				out = append(out, lexItem{kind: 5})
			default:
				out = append(out, lexItem{value: word})
			}
		}
	}
	return out, nil
}

type parser struct {
	items    []lexItem
	pos      int
	defField string
	q        string
}

func (p *parser) peek() *lexItem {
	if p.pos < len(p.items) {
		return &p.items[p.pos]
	}
	return nil
}

func (p *parser) parseOr() (node, error) {
	var terms orNode
	for {
		n, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		terms = append(terms, n)
		it := p.peek()
		if it == nil || it.kind == 2 {
			break
		}
		if it.kind == 4 {
			p.pos++
		}
		// Anything else is juxtaposition: Solr's default operator is OR.
	}
	if len(terms) == 1 {
		return terms[0], nil
	}
	return terms, nil
}

func (p *parser) parseAnd() (node, error) {
	left, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	terms := andNode{left}
	for {
		it := p.peek()
		if it == nil || it.kind != 3 {
			break
		}
		p.pos++
		right, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		terms = append(terms, right)
	}
	if len(terms) == 1 {
		return left, nil
	}
	return terms, nil
}

func (p *parser) parseUnary() (node, error) {
	it := p.peek()
	if it == nil {
		return nil, &searchError{"Cannot parse '" + p.q + "': Encountered \"<EOF>\" at line 1, column " + strconv.Itoa(len(p.q)) + "."}
	}
	switch it.kind {
	case 5:
		p.pos++
		n, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		return notNode{n}, nil
	case 1:
		p.pos++
		n, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		if c := p.peek(); c == nil || c.kind != 2 {
			return nil, &searchError{"Cannot parse '" + p.q + "': Encountered \"<EOF>\", expected \")\""}
		}
		p.pos++
		return n, nil
	case 2, 3, 4:
		return nil, &searchError{"Cannot parse '" + p.q + "': Encountered unexpected operator"}
	}
	p.pos++
	value := it.value
	neg := false
	if !it.quoted && it.field == "" {
		if strings.HasPrefix(value, "-") && len(value) > 1 {
			neg, value = true, value[1:]
		} else if strings.HasPrefix(value, "+") && len(value) > 1 {
			value = value[1:]
		}
	}
	field := it.field
	if strings.HasPrefix(field, "-") {
		neg, field = true, field[1:]
	} else {
		field = strings.TrimPrefix(field, "+")
	}
	var n node
	var err error
	switch {
	case field == "*" && value == "*":
		n = matchAll{}
	case it.group != nil:
		sub := &parser{items: it.group, defField: field, q: p.q}
		n, err = sub.parseOr()
	default:
		if field == "" {
			field = p.defField
		}
		n, err = newTerm(field, value, it.quoted)
	}
	if err != nil {
		return nil, err
	}
	if neg {
		return notNode{n}, nil
	}
	return n, nil
}

func parseLucene(q, defField string) (node, error) {
	items, err := lex(q)
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return matchNone{}, nil
	}
	p := &parser{items: items, defField: defField, q: q}
	n, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.items) {
		return nil, &searchError{"Cannot parse '" + q + "': Encountered \" \")\" \") \"\" at line 1"}
	}
	return n, nil
}

// ---- (e)dismax ------------------------------------------------------------

type boosted struct {
	fields []int
	wid    *workIDField
	boost  float64
}

// parseQF reads "given-names^10.0 family-name^2 text".
func parseQF(qf string) ([]boosted, error) {
	var out []boosted
	for _, f := range strings.Fields(qf) {
		name, b, _ := strings.Cut(f, "^")
		boost := 1.0
		if b != "" {
			v, err := strconv.ParseFloat(b, 64)
			if err != nil {
				return nil, &searchError{"Cannot parse boost " + b}
			}
			boost = v
		}
		fields, wid, err := resolveField(name)
		if err != nil {
			return nil, err
		}
		out = append(out, boosted{fields, wid, boost})
	}
	return out, nil
}

var defaultQF = "given-and-family-names^50.0 family-name^10.0 given-names^10.0 credit-name^10.0 other-names^5.0 text^1.0"

type dismaxNode struct {
	terms []*termNode // one per query word, fields set per qf entry below
	qf    []boosted
	mm    int
	pf    []boosted
	words []string
}

func (n *dismaxNode) score(d *doc) float64 {
	total, matched := 0.0, 0
	for _, t := range n.terms {
		best := 0.0
		for _, b := range n.qf {
			t.fields, t.workID, t.boost = b.fields, b.wid, b.boost
			if s := t.score(d); s > best {
				best = s
			}
		}
		if best > 0 {
			matched++
			total += best
		}
	}
	if matched == 0 || matched < n.mm {
		return 0
	}
	if len(n.words) > 1 {
		for _, b := range n.pf {
			for _, f := range b.fields {
				for _, toks := range d.tok[f] {
					if phraseIn(toks, n.words, false) {
						total += b.boost
					}
				}
			}
		}
	}
	return total
}

func parseDismax(terms string, params map[string]string) (node, error) {
	qfs := params["qf"]
	if qfs == "" {
		qfs = defaultQF
	}
	qf, err := parseQF(qfs)
	if err != nil {
		return nil, err
	}
	pf, err := parseQF(params["pf"])
	if err != nil {
		return nil, err
	}
	n := &dismaxNode{qf: qf, pf: pf, mm: 1}
	items, err := lex(terms)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		if it.kind != 0 || it.group != nil {
			continue
		}
		v := it.value
		if it.field != "" && !it.quoted {
			v = it.field + " " + v
		}
		prefix := !it.quoted && strings.HasSuffix(v, "*")
		words := tokens(strings.TrimSuffix(v, "*"))
		if len(words) == 0 {
			continue
		}
		if it.quoted {
			n.terms = append(n.terms, &termNode{words: words, raw: strings.ToLower(v)})
			n.words = append(n.words, words...)
			continue
		}
		for i, w := range words {
			n.terms = append(n.terms, &termNode{words: []string{w}, raw: w, prefix: prefix && i == len(words)-1})
			n.words = append(n.words, w)
		}
	}
	if len(n.terms) == 0 {
		return matchNone{}, nil
	}
	if mm := params["mm"]; mm != "" {
		if strings.HasSuffix(mm, "%") {
			pct, _ := strconv.Atoi(strings.TrimSuffix(mm, "%"))
			n.mm = (len(n.terms)*pct + 99) / 100
		} else if v, err := strconv.Atoi(mm); err == nil {
			n.mm = v
			if v < 0 {
				n.mm = len(n.terms) + v
			}
		}
		n.mm = max(1, min(n.mm, len(n.terms)))
	}
	return n, nil
}

// parseLocalParams splits "{!edismax qf="a b" mm=1}rest" into its type,
// parameters and the rest.
func parseLocalParams(q string) (typ string, params map[string]string, rest string, err error) {
	params = map[string]string{}
	i, inQuote := 2, byte(0)
	start := 2
	var parts []string
	for ; i < len(q); i++ {
		c := q[i]
		if inQuote != 0 {
			if c == inQuote {
				inQuote = 0
			}
			continue
		}
		if c == '"' || c == '\'' {
			inQuote = c
			continue
		}
		if c == ' ' || c == '}' {
			if i > start {
				parts = append(parts, q[start:i])
			}
			start = i + 1
			if c == '}' {
				break
			}
		}
	}
	if i >= len(q) {
		return "", nil, "", &searchError{"org.apache.solr.search.SyntaxError: Expected identifier at pos " + strconv.Itoa(len(q)) + " str='" + q + "'"}
	}
	rest = q[i+1:]
	for _, p := range parts {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			typ = k
			continue
		}
		v = strings.Trim(v, `"'`)
		if k == "type" {
			typ = v
			continue
		}
		if k == "v" && rest == "" {
			rest = v
		}
		params[k] = v
	}
	return typ, params, rest, nil
}

// compile turns q (and the other Solr parameters) into a query.
func compile(q string, params map[string]string) (node, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return matchNone{}, nil
	}
	defType := params["defType"]
	if strings.HasPrefix(q, "{!") {
		typ, lp, rest, err := parseLocalParams(q)
		if err != nil {
			return nil, err
		}
		for k, v := range params {
			if _, ok := lp[k]; !ok && k != "q" {
				lp[k] = v
			}
		}
		params, q, defType = lp, strings.TrimSpace(rest), typ
	}
	switch defType {
	case "edismax", "dismax":
		return parseDismax(q, params)
	case "", "lucene", "standard":
		df := params["df"]
		if df == "" {
			df = "text"
		}
		return parseLucene(q, df)
	}
	return nil, &searchError{"Unknown query parser '" + defType + "'"}
}

type hit struct {
	d     *doc
	score float64
}

// runSearch returns all hits in rank order.
func runSearch(q string, params map[string]string) ([]*doc, error) {
	n, err := compile(q, params)
	if err != nil {
		return nil, err
	}
	if _, none := n.(matchNone); none {
		return nil, nil
	}
	var hits []hit
	for _, d := range theIndex().docs {
		if s := n.score(d); s > 0 {
			hits = append(hits, hit{d, s})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	out := make([]*doc, len(hits))
	for i, h := range hits {
		out[i] = h.d
	}
	return out, nil
}

func solrMessage(err error) string {
	return fmt.Sprintf("org.apache.solr.client.solrj.impl.HttpSolrClient.RemoteSolrException Full validation error: Error from server at http://127.0.0.1:8983/solr/profile: %s", err.Error())
}

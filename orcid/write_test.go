package orcid_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// memberClient is a member-API client of srv with a token of clientID for
// record holder id carrying scopes. Its transport waits long for "100
// Continue", so a slow machine never sends a body early and turns a
// retryable 503 into an uncertain one.
func memberClient(t testing.TB, srv *orcidtest.Server, clientID, id string, scopes []string, opts ...orcid.Option) *orcid.Client {
	t.Helper()
	tok, _ := srv.IssueToken(clientID, id, scopes...)
	base := []orcid.Option{
		orcid.WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok, TokenType: "bearer"}), orcid.MemberAPI),
		orcid.WithRateLimit(1000, 100), orcid.WithBackoff(time.Millisecond, 2*time.Millisecond), orcid.WithMaxRetryAfter(5 * time.Millisecond),
		orcid.WithHTTPClient(&http.Client{Transport: &http.Transport{ExpectContinueTimeout: time.Minute}}),
	}
	return orcid.New(srv.Environment(), append(base, opts...)...)
}

var allScopes = []string{"/read-limited", "/activities/update", "/person/update"}

func newWriteRegistry(t testing.TB) (*orcidtest.Server, *orcid.Client) {
	t.Helper()
	srv := orcidtest.NewServer()
	t.Cleanup(srv.Close)
	return srv, memberClient(t, srv, orcidtest.DemoClientID, orcidtest.CarberryID, allScopes)
}

func ror() *orcid.DraftOrganization {
	return &orcid.DraftOrganization{Name: "Wesleyan University", Address: &orcid.DraftOrganizationAddress{City: "Middletown", Region: "CT", Country: "US"},
		DisambiguatedOrganization: &orcid.DisambiguatedOrganization{Identifier: "https://ror.org/05h7xva58", Source: "ROR"}}
}

func selfIDs(typ, value string) *orcid.DraftExternalIDs {
	return &orcid.DraftExternalIDs{ExternalID: []orcid.DraftExternalID{{Type: typ, Value: value, Relationship: "self"}}}
}

func newWork(title, doi string) *orcid.WorkDraft {
	return &orcid.WorkDraft{Title: &orcid.DraftTitle{Title: &orcid.Value{Value: title}}, Type: "journal-article",
		PublicationDate: orcid.NewDraftDate(2024, 5, 0), ExternalIDs: selfIDs("doi", doi)}
}

// draftOf builds a valid draft of kind k whose distinguishing text is label.
func draftOf(k orcid.ItemKind, label, uniq string) orcid.Item {
	switch {
	case k == orcid.KindWork:
		return newWork(label, "10.5555/"+uniq)
	case k == orcid.KindFunding:
		return &orcid.FundingDraft{Type: "grant", Title: &orcid.DraftTitle{Title: &orcid.Value{Value: label}}, Amount: &orcid.DraftAmount{Value: "1000", CurrencyCode: "USD"},
			ExternalIDs: selfIDs("grant_number", uniq), Organization: ror(), StartDate: orcid.NewDraftDate(2020, 1, 0)}
	case k.IsAffiliation():
		return &orcid.AffiliationDraft{Kind: k, RoleTitle: label, DepartmentName: "Psychoceramics", Organization: ror(), StartDate: orcid.NewDraftDate(2019, 9, 1)}
	case k == orcid.KindOtherName:
		return &orcid.OtherNameDraft{Content: label}
	case k == orcid.KindKeyword:
		return &orcid.KeywordDraft{Content: label}
	case k == orcid.KindResearcherURL:
		return &orcid.ResearcherURLDraft{URLName: label, URL: &orcid.Value{Value: "https://example.org/" + uniq}}
	case k == orcid.KindExternalIdentifier:
		return &orcid.PersonExternalIDDraft{Type: label, Value: uniq, URL: &orcid.Value{Value: "https://example.org/id/" + uniq}, Relationship: "self"}
	case k == orcid.KindAddress:
		return &orcid.AddressDraft{Country: &orcid.Value{Value: label}}
	}
	panic("kind " + k)
}

// setPutCode gives a draft its put-code for an update.
func setPutCode(it orcid.Item, pc int64) {
	switch d := it.(type) {
	case *orcid.WorkDraft:
		d.PutCode = pc
	case *orcid.FundingDraft:
		d.PutCode = pc
	case *orcid.AffiliationDraft:
		d.PutCode = pc
	case *orcid.OtherNameDraft:
		d.PutCode = pc
	case *orcid.KeywordDraft:
		d.PutCode = pc
	case *orcid.ResearcherURLDraft:
		d.PutCode = pc
	case *orcid.PersonExternalIDDraft:
		d.PutCode = pc
	case *orcid.AddressDraft:
		d.PutCode = pc
	}
}

// inRecord finds item pc of kind k in a record read back and returns its
// distinguishing text and source client.
func inRecord(rec *orcid.Record, k orcid.ItemKind, pc int64) (label, client string, found bool) {
	src := func(s *orcid.Source) string {
		if s.ClientID() == "" {
			return ""
		}
		return s.ClientID() + " " + s.SourceName.String()
	}
	act, per := rec.ActivitiesSummary, rec.Person
	switch {
	case k == orcid.KindWork:
		for _, g := range act.Works.Group {
			for _, s := range g.WorkSummary {
				if s.PutCode == pc {
					return s.Title.Title.String(), src(s.Source), true
				}
			}
		}
	case k == orcid.KindFunding:
		for _, g := range act.Fundings.Group {
			for _, s := range g.FundingSummary {
				if s.PutCode == pc {
					return s.Title.Title.String(), src(s.Source), true
				}
			}
		}
	case k.IsAffiliation():
		secs := map[orcid.ItemKind]*orcid.Affiliations{orcid.KindEmployment: act.Employments, orcid.KindEducation: act.Educations,
			orcid.KindQualification: act.Qualifications, orcid.KindInvitedPosition: act.InvitedPositions, orcid.KindDistinction: act.Distinctions,
			orcid.KindMembership: act.Memberships, orcid.KindService: act.Services}
		for _, g := range secs[k].AffiliationGroup {
			for _, s := range g.Summaries {
				if s.PutCode == pc {
					return s.RoleTitle, src(s.Source), true
				}
			}
		}
	case k == orcid.KindOtherName:
		for _, o := range per.OtherNames.OtherName {
			if o.PutCode == pc {
				return o.Content, src(o.Source), true
			}
		}
	case k == orcid.KindKeyword:
		for _, o := range per.Keywords.Keyword {
			if o.PutCode == pc {
				return o.Content, src(o.Source), true
			}
		}
	case k == orcid.KindResearcherURL:
		for _, o := range per.ResearcherURLs.ResearcherURL {
			if o.PutCode == pc {
				return o.URLName, src(o.Source), true
			}
		}
	case k == orcid.KindExternalIdentifier:
		for _, o := range per.ExternalIdentifiers.ExternalIdentifier {
			if o.PutCode == pc {
				return o.Type, src(o.Source), true
			}
		}
	case k == orcid.KindAddress:
		for _, o := range per.Addresses.Address {
			if o.PutCode == pc {
				return o.Country.String(), src(o.Source), true
			}
		}
	}
	return "", "", false
}

// Every kind, in JSON and in XML: added (201, put-code from Location),
// shown in the record with this client as its source, updated (200 with
// the item), shown changed, deleted (204), gone.
func TestWriteEveryKind(t *testing.T) {
	srv, c := newWriteRegistry(t)
	ctx := context.Background()
	id := orcid.ID(orcidtest.CarberryID)
	labels := map[orcid.ItemKind][2]string{orcid.KindAddress: {"GB", "FR"}}
	for _, f := range []orcid.Format{orcid.JSON, orcid.XML} {
		for _, k := range orcid.ItemKinds {
			name := fmt.Sprintf("%s/%s", k, f)
			before, after := "added "+name, "changed "+name
			if l, ok := labels[k]; ok {
				before, after = l[0], l[1]
			}
			uniq := strings.ReplaceAll(name, "/", "-")
			if err := orcid.Validate(draftOf(k, before, uniq)); err != nil {
				t.Fatalf("%s: the draft fails local validation: %v", name, err)
			}
			res, err := c.AddAs(ctx, id, draftOf(k, before, uniq), f)
			if err != nil {
				t.Fatalf("%s: add: %v", name, err)
			}
			wantLoc := srv.URL() + "/api/v3.0/" + orcidtest.CarberryID + "/" + k.Segment() + "/"
			if res.PutCode <= 0 || res.Location != wantLoc+fmt.Sprint(res.PutCode) || res.Attempts != 1 {
				t.Fatalf("%s: add result %+v", name, res)
			}
			rec, err := c.Record(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			label, source, ok := inRecord(rec, k, res.PutCode)
			if !ok || label != before || source != orcidtest.DemoClientID+" "+orcidtest.DemoClientName {
				t.Errorf("%s: after add the record shows %q from %q (found %v)", name, label, source, ok)
			}

			upd := draftOf(k, after, uniq)
			setPutCode(upd, res.PutCode)
			ures, err := c.UpdateAs(ctx, id, upd, f)
			if err != nil {
				t.Fatalf("%s: update: %v", name, err)
			}
			if ures.PutCode != res.PutCode || ures.Body == nil || ures.Body.StatusCode != 200 || len(ures.Body.Data) == 0 {
				t.Errorf("%s: update result %+v", name, ures)
			}
			if f == orcid.XML && !strings.Contains(string(ures.Body.Data), fmt.Sprintf(`put-code="%d"`, res.PutCode)) {
				t.Errorf("%s: the XML answer to the update: %.300s", name, ures.Body.Data)
			}
			if k == orcid.KindWork {
				var w orcid.Work
				if err := ures.Decode(&w); err != nil || w.Title.Title.String() != after || w.PutCode != res.PutCode {
					t.Errorf("%s: the answer to the update decodes to %q (put-code %d): %v", name, w.Title.Title.String(), w.PutCode, err)
				}
			}
			rec, _ = c.Record(ctx, id)
			if label, _, ok := inRecord(rec, k, res.PutCode); !ok || label != after {
				t.Errorf("%s: after update the record shows %q (found %v)", name, label, ok)
			}

			dres, err := c.Delete(ctx, id, k, res.PutCode)
			if err != nil || dres.Body.StatusCode != http.StatusNoContent {
				t.Fatalf("%s: delete: %+v %v", name, dres, err)
			}
			rec, _ = c.Record(ctx, id)
			if _, _, ok := inRecord(rec, k, res.PutCode); ok {
				t.Errorf("%s: still in the record after delete", name)
			}
		}
	}
	// Each request carried the body in the format asked for.
	var xmlPosts int
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPost && r.Accept == orcid.XML.MediaType() {
			xmlPosts++
		}
	}
	if xmlPosts != len(orcid.ItemKinds) {
		t.Errorf("%d POSTs asked for XML, want %d", xmlPosts, len(orcid.ItemKinds))
	}
}

// ORCID's refusals become typed errors, each matching its sentinel.
func TestWriteErrors(t *testing.T) {
	srv, c := newWriteRegistry(t)
	ctx := context.Background()
	carberry := orcid.ID(orcidtest.CarberryID)

	first, err := c.Add(ctx, carberry, newWork("First", "10.5555/dup"))
	if err != nil {
		t.Fatal(err)
	}
	works, err := c.Works(ctx, carberry)
	if err != nil {
		t.Fatal(err)
	}
	var datasetWork int64 // a work the record holder added, not this client
	for _, g := range works.Group {
		for _, s := range g.WorkSummary {
			if s.PutCode != first.PutCode && datasetWork == 0 {
				datasetWork = s.PutCode
			}
		}
	}
	const otherID = "APP-0THERC1IENT00002"
	if err := srv.RegisterClient(orcidtest.Client{ID: otherID, Secret: "s3cret", Name: "Other member", Member: true}); err != nil {
		t.Fatal(err)
	}
	other := memberClient(t, srv, otherID, orcidtest.CarberryID, allScopes)
	theirs, err := other.Add(ctx, carberry, newWork("Theirs", "10.5555/theirs"))
	if err != nil {
		t.Fatal(err)
	}
	if w, err := c.Work(ctx, carberry, theirs.PutCode); err != nil || w.Source.ClientID() != otherID {
		t.Errorf("source of the other client's work: %v %v", w, err)
	}
	if w, err := c.Work(ctx, carberry, datasetWork); err != nil || w.Source.ClientID() != "" {
		t.Errorf("source of the record holder's work: %v %v", w, err)
	}
	// The same DOI from another client is not a duplicate.
	if _, err := other.Add(ctx, carberry, newWork("Same DOI, other client", "10.5555/dup")); err != nil {
		t.Errorf("another client adding the same DOI: %v", err)
	}

	raw := func(s string) []byte { return []byte(s) }
	noWrite := memberClient(t, srv, orcidtest.DemoClientID, orcidtest.CarberryID, []string{"/read-limited"})
	activitiesOnly := memberClient(t, srv, orcidtest.DemoClientID, orcidtest.CarberryID, []string{"/activities/update"})
	lockedC := memberClient(t, srv, orcidtest.DemoClientID, orcidtest.LockedID, allScopes)
	deactivatedC := memberClient(t, srv, orcidtest.DemoClientID, orcidtest.DeactivatedID, allScopes)
	mergedC := memberClient(t, srv, orcidtest.DemoClientID, orcidtest.MergedID, allScopes)
	noOrg := &orcid.AffiliationDraft{Kind: orcid.KindEmployment, RoleTitle: "x"}
	noDisamb := &orcid.AffiliationDraft{Kind: orcid.KindEducation, Organization: &orcid.DraftOrganization{Name: "X", Address: &orcid.DraftOrganizationAddress{City: "Y", Country: "US"}}}
	badType := newWork("T", "10.5555/badtype")
	badType.Type = "blog"
	noTitle := newWork("", "10.5555/notitle")
	noSelf := newWork("T", "10.5555/noself")
	noSelf.ExternalIDs.ExternalID[0].Relationship = "part-of"

	// What the registry refuses, local validation catches first.
	for _, it := range []orcid.Item{noOrg, noDisamb, badType, noTitle, noSelf} {
		if orcid.Validate(it) == nil {
			t.Errorf("Validate passes %+v", it)
		}
	}

	tests := []struct {
		name   string
		call   func() error
		is     error
		status int
		code   int
		text   string
	}{
		{"put-code in a new item (9024)", func() error {
			_, err := c.AddRaw(ctx, carberry, orcid.KindWork, raw(`{"put-code":5,"title":{"title":{"value":"T"}},"type":"book","external-ids":{"external-id":[{"external-id-type":"doi","external-id-value":"10.5555/pc","external-id-relationship":"self"}]}}`), orcid.JSON)
			return err
		}, orcid.ErrPutCodeNotAllowed, 400, 9024, "must not carry a put-code"},
		{"put-code mismatch (9019)", func() error {
			_, err := c.UpdateRaw(ctx, carberry, orcid.KindWork, first.PutCode, raw(fmt.Sprintf(`{"put-code":%d,"title":{"title":{"value":"T"}},"type":"book","external-ids":{"external-id":[{"external-id-type":"doi","external-id-value":"10.5555/dup","external-id-relationship":"self"}]}}`, first.PutCode+1)), orcid.JSON)
			return err
		}, orcid.ErrPutCodeMismatch, 400, 9019, "differs"},
		{"missing title (9022)", func() error { _, err := c.Add(ctx, carberry, noTitle); return err }, orcid.ErrTitleRequired, 400, 9022, "needs a title"},
		{"no self external id (9023)", func() error { _, err := c.Add(ctx, carberry, noSelf); return err }, orcid.ErrExternalIDRequired, 400, 9023, "relationship self"},
		{"unknown work type (9037)", func() error { _, err := c.Add(ctx, carberry, badType); return err }, orcid.ErrInvalidItem, 400, 9037, "Invalid work type"},
		{"affiliation without organization (9046)", func() error { _, err := c.Add(ctx, carberry, noOrg); return err }, orcid.ErrInvalidItem, 400, 9046, "organization"},
		{"organization without disambiguated id (9045)", func() error { _, err := c.Add(ctx, carberry, noDisamb); return err }, orcid.ErrInvalidItem, 400, 9045, "disambiguated"},
		{"token for another record (9017)", func() error {
			_, err := c.Add(ctx, orcid.ID(orcidtest.AngstromID), newWork("T", "10.5555/other-record"))
			return err
		}, orcid.ErrWrongRecord, 401, 9017, "another record"},
		{"update of the record holder's own work (9010)", func() error {
			w := newWork("Mine now", "10.5555/steal")
			w.PutCode = datasetWork
			_, err := c.Update(ctx, carberry, w)
			return err
		}, orcid.ErrNotSource, 403, 9010, "not the source"},
		{"delete of the record holder's own keyword (9010)", func() error {
			per, err := c.Person(ctx, carberry)
			if err != nil || len(per.Keywords.Keyword) == 0 {
				return fmt.Errorf("no keyword to try: %v", err)
			}
			_, err = c.Delete(ctx, carberry, orcid.KindKeyword, per.Keywords.Keyword[0].PutCode)
			return err
		}, orcid.ErrNotSource, 403, 9010, "not the source"},
		{"delete of another client's work (9010)", func() error {
			_, err := c.Delete(ctx, carberry, orcid.KindWork, theirs.PutCode)
			return err
		}, orcid.ErrNotSource, 403, 9010, "not the source"},
		{"delete of an unknown put-code (9016)", func() error {
			_, err := c.Delete(ctx, carberry, orcid.KindKeyword, 424242)
			return err
		}, orcid.ErrNotFound, 404, 9016, ""},
		{"locked record (9018)", func() error {
			_, err := lockedC.Add(ctx, orcid.ID(orcidtest.LockedID), newWork("T", "10.5555/l"))
			return err
		}, orcid.ErrLocked, 409, 9018, "cannot be changed"},
		{"deactivated record (9044)", func() error {
			_, err := deactivatedC.Add(ctx, orcid.ID(orcidtest.DeactivatedID), newWork("T", "10.5555/d"))
			return err
		}, orcid.ErrDeactivated, 409, 9044, "cannot be changed"},
		{"deprecated record (9007)", func() error {
			_, err := mergedC.Delete(ctx, orcid.ID(orcidtest.MergedID), orcid.KindWork, 1)
			return err
		}, orcid.ErrMerged, 409, 9007, "cannot be changed"},
	}
	for _, tc := range tests {
		err := tc.call()
		if !errors.Is(err, tc.is) {
			t.Errorf("%s: %v does not match %v", tc.name, err, tc.is)
			continue
		}
		var apiErr *orcid.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != tc.status || apiErr.ErrorCode != tc.code || apiErr.Method == "" {
			t.Errorf("%s: %#v, want %d / %d", tc.name, apiErr, tc.status, tc.code)
		}
		if !strings.Contains(err.Error(), tc.text) {
			t.Errorf("%s: message %q lacks %q", tc.name, err, tc.text)
		}
	}

	// 409/9021 names the existing put-code.
	_, err = c.Add(ctx, carberry, newWork("Again", "10.5555/DUP"))
	var dup *orcid.DuplicateError
	if !errors.As(err, &dup) || !errors.Is(err, orcid.ErrDuplicate) || dup.PutCode != first.PutCode || dup.Kind != orcid.KindWork {
		t.Errorf("duplicate: %#v (%v), want put-code %d", dup, err, first.PutCode)
	} else if !strings.Contains(err.Error(), fmt.Sprint(first.PutCode)) {
		t.Errorf("duplicate message %q does not name put-code %d", err, first.PutCode)
	}

	// Scopes: /activities/update for activities, /person/update for person items.
	for name, call := range map[string]func() error{
		"work without /activities/update": func() error { _, err := noWrite.Add(ctx, carberry, newWork("T", "10.5555/s")); return err },
		"keyword without /person/update": func() error {
			_, err := activitiesOnly.Add(ctx, carberry, &orcid.KeywordDraft{Content: "k"})
			return err
		},
	} {
		var oe *orcid.OAuthError
		if err := call(); !errors.As(err, &oe) || oe.StatusCode != 403 || !errors.Is(err, orcid.ErrInsufficientScope) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := activitiesOnly.Add(ctx, carberry, newWork("Activities scope is enough", "10.5555/scope-ok")); err != nil {
		t.Errorf("work with /activities/update: %v", err)
	}
}

// Mistakes the client can see are refused before anything is sent.
func TestWriteRefusedBeforeSending(t *testing.T) {
	srv, c := newWriteRegistry(t)
	ctx := context.Background()
	anon := orcid.New(srv.Environment())
	withPC := newWork("T", "10.5555/x")
	withPC.PutCode = 3
	for name, call := range map[string]func() error{
		"public client":        func() error { _, err := anon.Add(ctx, orcidtest.CarberryID, newWork("T", "10.5555/x")); return err },
		"add with a put-code":  func() error { _, err := c.Add(ctx, orcidtest.CarberryID, withPC); return err },
		"update without one":   func() error { _, err := c.Update(ctx, orcidtest.CarberryID, newWork("T", "10.5555/x")); return err },
		"bad iD":               func() error { _, err := c.Add(ctx, "0000-0002-1825-0098", newWork("T", "10.5555/x")); return err },
		"affiliation, no kind": func() error { _, err := c.Add(ctx, orcidtest.CarberryID, &orcid.AffiliationDraft{}); return err },
		"delete put-code 0":    func() error { _, err := c.Delete(ctx, orcidtest.CarberryID, orcid.KindWork, 0); return err },
		"bulk with a put-code": func() error { _, err := c.AddWorks(ctx, orcidtest.CarberryID, []*orcid.WorkDraft{withPC}); return err },
		"empty bulk":           func() error { _, err := c.AddWorks(ctx, orcidtest.CarberryID, nil); return err },
		"unknown kind (raw add)": func() error {
			_, err := c.AddRaw(ctx, orcidtest.CarberryID, "peer-review", []byte("{}"), orcid.JSON)
			return err
		},
	} {
		if err := call(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := anon.Add(ctx, orcidtest.CarberryID, newWork("T", "10.5555/x")); !errors.Is(err, orcid.ErrNeedsMemberToken) {
		t.Errorf("public client: %v", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

// A 503 from ORCID's limiter before it read the body (the request waited
// for "100 Continue") cannot have applied the write: it is retried and the
// work is added once.
func TestWrite503BeforeBodyIsRetried(t *testing.T) {
	srv, c := newWriteRegistry(t)
	ctx := context.Background()
	srv.FailNext(1, http.StatusServiceUnavailable)
	res, err := c.Add(ctx, orcidtest.CarberryID, newWork("Retried once", "10.5555/retry"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Attempts != 2 || srv.CountStatus(503) != 1 || srv.CountStatus(201) != 1 {
		t.Errorf("attempts %d, 503s %d, 201s %d", res.Attempts, srv.CountStatus(503), srv.CountStatus(201))
	}
	if st := c.Stats(); st.Retried != 1 || st.Status503 != 1 {
		t.Errorf("stats %+v", st)
	}
	rec, _ := c.Record(ctx, orcidtest.CarberryID)
	n := 0
	for _, g := range rec.ActivitiesSummary.Works.Group {
		for _, s := range g.WorkSummary {
			if s.Title.Title.String() == "Retried once" {
				n++
			}
		}
	}
	if n != 1 {
		t.Errorf("the work is on the record %d times, want 1", n)
	}
}

// A 503 that comes after ORCID read the body, or any 503 to a DELETE, may
// have been applied: not retried, and the error says to check the record.
func TestWrite503AfterBodyIsNotRetried(t *testing.T) {
	srv, c := newWriteRegistry(t)
	ctx := context.Background()
	added, err := c.Add(ctx, orcidtest.CarberryID, newWork("Kept", "10.5555/kept"))
	if err != nil {
		t.Fatal(err)
	}
	srv.ResetRequests()
	var bodies []int
	remove := srv.Inject(func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodGet {
			return false
		}
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, len(b))
		w.WriteHeader(http.StatusServiceUnavailable)
		return true
	})
	defer remove()
	_, err = c.Add(ctx, orcidtest.CarberryID, newWork("Maybe", "10.5555/maybe"))
	var unsure *orcid.WriteUncertainError
	if !errors.Is(err, orcid.ErrMaybeApplied) || !errors.As(err, &unsure) || unsure.StatusCode != 503 || unsure.Method != http.MethodPost ||
		!strings.Contains(err.Error(), "Check the record") {
		t.Errorf("POST: %v", err)
	}
	_, err = c.Delete(ctx, orcidtest.CarberryID, orcid.KindWork, added.PutCode)
	if !errors.Is(err, orcid.ErrMaybeApplied) || !strings.Contains(err.Error(), "deleted") {
		t.Errorf("DELETE: %v", err)
	}
	if n := len(srv.Requests()); n != 2 || len(bodies) != 2 || bodies[0] == 0 {
		t.Errorf("%d requests (bodies %v), want 2, each sent once", n, bodies)
	}
}

// Writes take their turn at the client's shared limiter, with the
// caller's context: a write that would wait past its deadline is not sent.
func TestWriteUsesTheSharedLimiter(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	c := memberClient(t, srv, orcidtest.DemoClientID, orcidtest.CarberryID, allScopes, orcid.WithRateLimit(0.01, 2))
	reader := orcid.New(srv.Environment(), orcid.WithLimiterOf(c))
	ctx := context.Background()
	if _, err := reader.Works(ctx, orcidtest.CarberryID); err != nil { // spends the one token (burst 2 - 1)
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_, err := c.Add(short, orcidtest.CarberryID, newWork("Waits", "10.5555/wait"))
	if err == nil || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "nothing was sent") {
		t.Errorf("got %v", err)
	}
	if n := srv.CountPath("/api/v3.0/" + orcidtest.CarberryID + "/work"); n != 0 {
		t.Errorf("%d writes reached the registry", n)
	}
}

// 250 works go in 3 bulk requests (100, 100, 50); the results are in input
// order, refusals included; the record then lists the added works.
func TestAddWorksInBatches(t *testing.T) {
	srv, c := newWriteRegistry(t)
	ctx := context.Background()
	works := make([]*orcid.WorkDraft, 250)
	for i := range works {
		works[i] = newWork(fmt.Sprintf("Bulk work %03d", i), fmt.Sprintf("10.5555/bulk.%03d", i))
	}
	works[5].Title = nil                                        // 9022
	works[150].ExternalIDs = selfIDs("doi", "10.5555/BULK.010") // the same DOI as work 10: 9021
	srv.ResetRequests()
	res, err := c.AddWorks(ctx, orcidtest.CarberryID, works)
	if err != nil {
		t.Fatal(err)
	}
	var posts int
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPost && r.Path == "/api/v3.0/"+orcidtest.CarberryID+"/works" {
			posts++
		}
	}
	if posts != 3 || len(srv.Requests()) != 3 {
		t.Errorf("%d bulk POSTs of %d requests, want 3", posts, len(srv.Requests()))
	}
	if len(res) != 250 {
		t.Fatalf("%d results", len(res))
	}
	seen := map[int64]bool{}
	for i, r := range res {
		switch {
		case r.Index != i:
			t.Errorf("result %d has index %d", i, r.Index)
		case i == 5:
			if !errors.Is(r.Err, orcid.ErrTitleRequired) {
				t.Errorf("work 5: %v", r.Err)
			}
		case i == 150:
			var dup *orcid.DuplicateError
			if !errors.As(r.Err, &dup) || dup.PutCode != res[10].PutCode {
				t.Errorf("work 150: %v, want a duplicate of put-code %d", r.Err, res[10].PutCode)
			}
		case r.Err != nil || r.Work == nil || r.PutCode <= 0 || seen[r.PutCode]:
			t.Errorf("work %d: %+v", i, r)
		case r.Work.Title.Title.String() != fmt.Sprintf("Bulk work %03d", i):
			t.Errorf("result %d is %q", i, r.Work.Title.Title.String())
		}
		seen[r.PutCode] = true
	}
	got, err := c.Works(ctx, orcidtest.CarberryID)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, g := range got.Group {
		for _, s := range g.WorkSummary {
			if strings.HasPrefix(s.Title.Title.String(), "Bulk work ") {
				n++
			}
		}
	}
	if n != 248 {
		t.Errorf("%d bulk works on the record, want 248", n)
	}

	// XML bulk bodies work the same.
	xres, err := c.AddWorksAs(ctx, orcidtest.CarberryID, []*orcid.WorkDraft{newWork("XML bulk", "10.5555/xmlbulk")}, orcid.XML)
	if err != nil || len(xres) != 1 || xres[0].Err != nil || xres[0].Work.Title.Title.String() != "XML bulk" {
		t.Errorf("XML bulk: %+v %v", xres, err)
	}
}

// When a batch cannot be sent, its works and the later ones are reported
// not sent, and nothing is sent after it.
func TestAddWorksStopsAfterAFailedBatch(t *testing.T) {
	srv, c := newWriteRegistry(t)
	works := make([]*orcid.WorkDraft, 150)
	for i := range works {
		works[i] = newWork(fmt.Sprintf("W%d", i), fmt.Sprintf("10.5555/stop.%d", i))
	}
	srv.ResetRequests()
	srv.FailNext(100, http.StatusServiceUnavailable) // every retry of the first batch refused
	res, err := c.AddWorks(context.Background(), orcidtest.CarberryID, works)
	if !errors.Is(err, orcid.ErrBusy) {
		t.Errorf("error %v", err)
	}
	for i, r := range res {
		if !errors.Is(r.Err, orcid.ErrNotSent) {
			t.Errorf("work %d: %v", i, r.Err)
			break
		}
	}
	if n := len(srv.Requests()); n != orcid.DefaultMaxRetries+1 {
		t.Errorf("%d requests, want %d attempts of the first batch only", n, orcid.DefaultMaxRetries+1)
	}
}

// Limited and private items are hidden from the public API and from other
// clients as ORCID hides them; the record's last-modified date moves.
func TestWrittenItemsVisibility(t *testing.T) {
	srv, c := newWriteRegistry(t)
	ctx := context.Background()
	id := orcid.ID(orcidtest.CarberryID)
	before, err := c.Record(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	limited := newWork("Limited work", "10.5555/limited")
	limited.Visibility = orcid.VisibilityLimited
	lres, err := c.Add(ctx, id, limited)
	if err != nil {
		t.Fatal(err)
	}
	pres, err := c.Add(ctx, id, &orcid.KeywordDraft{Content: "private keyword", Visibility: orcid.VisibilityPrivate})
	if err != nil {
		t.Fatal(err)
	}
	pub, err := c.Add(ctx, id, &orcid.KeywordDraft{Content: "public keyword"})
	if err != nil {
		t.Fatal(err)
	}
	const otherID = "APP-0THERC1IENT00003"
	if err := srv.RegisterClient(orcidtest.Client{ID: otherID, Secret: "s3cret", Name: "Other", Member: true}); err != nil {
		t.Fatal(err)
	}
	readers := []struct {
		name                     string
		c                        *orcid.Client
		limited, private, public bool
	}{
		{"public API", orcid.New(srv.Environment()), false, false, true},
		{"this client, /read-limited", c, true, true, true},
		{"another client, /read-limited", memberClient(t, srv, otherID, orcidtest.CarberryID, []string{"/read-limited"}), true, false, true},
	}
	for _, r := range readers {
		rec, err := r.c.Record(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		_, _, l := inRecord(rec, orcid.KindWork, lres.PutCode)
		_, _, p := inRecord(rec, orcid.KindKeyword, pres.PutCode)
		_, _, u := inRecord(rec, orcid.KindKeyword, pub.PutCode)
		if l != r.limited || p != r.private || u != r.public {
			t.Errorf("%s sees limited %v private %v public %v", r.name, l, p, u)
		}
	}
	after, _ := c.Record(ctx, id)
	if after.History.LastModifiedDate.Millis <= before.History.LastModifiedDate.Millis ||
		after.Person.LastModifiedDate == nil || after.Person.LastModifiedDate.Millis < after.History.LastModifiedDate.Millis {
		t.Errorf("last-modified %v -> %v", before.History.LastModifiedDate, after.History.LastModifiedDate)
	}
	// The full work is readable by its put-code on the member API, not on the public one.
	if w, err := c.Work(ctx, id, lres.PutCode); err != nil || w.Visibility != orcid.VisibilityLimited {
		t.Errorf("member read of the limited work: %v %v", w, err)
	}
	if _, err := orcid.New(srv.Environment()).Work(ctx, id, lres.PutCode); !errors.Is(err, orcid.ErrNotPublic) {
		t.Errorf("public read of the limited work: %v", err)
	}
}

// A written work with the DOI of a work already on the record joins its
// group, as ORCID groups works by shared identifiers.
func TestWrittenWorkJoinsItsGroup(t *testing.T) {
	srv, c := newWriteRegistry(t)
	ctx := context.Background()
	works, err := c.Works(ctx, orcidtest.CarberryID)
	if err != nil {
		t.Fatal(err)
	}
	var doi string
	groups := len(works.Group)
	for _, x := range works.Group[0].ExternalIDs.ExternalID {
		if x.Type == "doi" {
			doi = x.Value
		}
	}
	if doi == "" {
		t.Skip("the first group has no DOI")
	}
	res, err := c.Add(ctx, orcidtest.CarberryID, newWork("Another version", strings.ToUpper(doi)))
	if err != nil {
		t.Fatal(err)
	}
	works, _ = c.Works(ctx, orcidtest.CarberryID)
	if len(works.Group) != groups {
		t.Errorf("%d groups, want %d", len(works.Group), groups)
	}
	found := false
	for _, g := range works.Group {
		for _, s := range g.WorkSummary {
			if s.PutCode == res.PutCode {
				found = len(g.WorkSummary) > 1
			}
		}
	}
	if !found {
		t.Error("the work is not in the group of its DOI")
	}

	// Two new works with one new DOI, from two clients, make one new group.
	const otherID = "APP-0THERC1IENT00004"
	if err := srv.RegisterClient(orcidtest.Client{ID: otherID, Secret: "s3cret", Name: "Other", Member: true}); err != nil {
		t.Fatal(err)
	}
	other := memberClient(t, srv, otherID, orcidtest.CarberryID, allScopes)
	a, err := c.Add(ctx, orcidtest.CarberryID, newWork("New A", "10.5555/new-group"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := other.Add(ctx, orcidtest.CarberryID, newWork("New B", "10.5555/NEW-GROUP"))
	if err != nil {
		t.Fatal(err)
	}
	works, _ = c.Works(ctx, orcidtest.CarberryID)
	if len(works.Group) != groups+1 {
		t.Errorf("%d groups, want %d", len(works.Group), groups+1)
	}
	for _, g := range works.Group {
		var pcs []int64
		for _, s := range g.WorkSummary {
			pcs = append(pcs, s.PutCode)
		}
		if slices.Contains(pcs, a.PutCode) != slices.Contains(pcs, b.PutCode) {
			t.Errorf("the two works are in different groups: %v", pcs)
		}
	}
}

// A connection dropped after the body was sent leaves the write uncertain;
// a connection that could not be opened sent nothing.
func TestWriteTransportFailures(t *testing.T) {
	srv, c := newWriteRegistry(t)
	ctx := context.Background()
	remove := srv.Inject(func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != http.MethodPost {
			return false
		}
		_, _ = io.ReadAll(r.Body)
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return false
		}
		conn.Close()
		return true
	})
	_, err := c.Add(ctx, orcidtest.CarberryID, newWork("Dropped", "10.5555/dropped"))
	remove()
	var unsure *orcid.WriteUncertainError
	if !errors.As(err, &unsure) || unsure.StatusCode != 0 || !strings.Contains(err.Error(), "no answer came") {
		t.Errorf("dropped connection: %v", err)
	}

	srv.Close()
	_, err = c.Add(ctx, orcidtest.CarberryID, newWork("Refused", "10.5555/refused"))
	if err == nil || errors.Is(err, orcid.ErrMaybeApplied) || !strings.Contains(err.Error(), "nothing was sent") {
		t.Errorf("refused connection: %v", err)
	}
}

// An uncertain write does not present itself as a busy or slow server:
// neither matches, so nothing advises a blind retry.
func TestWriteUncertainErrorHidesItsCause(t *testing.T) {
	err := error(&orcid.WriteUncertainError{Method: http.MethodPost, Kind: orcid.KindWork, StatusCode: 503,
		Err: &orcid.RateLimitError{StatusCode: 503, Attempts: 1}})
	var rate *orcid.RateLimitError
	if errors.As(err, &rate) || errors.Is(err, orcid.ErrBusy) || !errors.Is(err, orcid.ErrMaybeApplied) {
		t.Errorf("%v exposes its cause", err)
	}
	err = &orcid.WriteUncertainError{Method: http.MethodDelete, Err: context.DeadlineExceeded}
	if errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "may or may not have been deleted") {
		t.Errorf("%v", err)
	}
}

// Editing starts from the item read back: its Draft, changed, is sent with
// Update and the record shows the change; nothing else is lost.
func TestEditFromItemReadBack(t *testing.T) {
	_, c := newWriteRegistry(t)
	ctx := context.Background()
	id := orcid.ID(orcidtest.CarberryID)
	w := newWork("Before", "10.5555/edit")
	w.JournalTitle = &orcid.Value{Value: "Journal of Psychoceramics"}
	w.Contributors = &orcid.DraftContributors{Contributor: []orcid.DraftContributor{{CreditName: &orcid.Value{Value: "J. Carberry"},
		ContributorAttributes: &orcid.DraftContributorAttributes{Sequence: "first", Role: "author"}}}}
	added, err := c.Add(ctx, id, w)
	if err != nil {
		t.Fatal(err)
	}
	full, err := c.Work(ctx, id, added.PutCode)
	if err != nil {
		t.Fatal(err)
	}
	d := full.Draft()
	d.Title.Title.Value = "After"
	if _, err := c.Update(ctx, id, d); err != nil {
		t.Fatal(err)
	}
	again, err := c.Work(ctx, id, added.PutCode)
	if err != nil {
		t.Fatal(err)
	}
	if again.Title.Title.String() != "After" || again.JournalTitle.String() != "Journal of Psychoceramics" ||
		len(again.Contributors.Contributor) != 1 || again.Contributors.Contributor[0].CreditName.String() != "J. Carberry" {
		t.Errorf("after the edit: %+v", again)
	}

	kw, err := c.Add(ctx, id, &orcid.KeywordDraft{Content: "before"})
	if err != nil {
		t.Fatal(err)
	}
	per, err := c.Person(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range per.Keywords.Keyword {
		if k.PutCode == kw.PutCode {
			kd := k.Draft()
			kd.Content = "after"
			if _, err := c.Update(ctx, id, kd); err != nil {
				t.Fatal(err)
			}
		}
	}
	per, _ = c.Person(ctx, id)
	if _, _, ok := inRecord(&orcid.Record{Person: per}, orcid.KindKeyword, kw.PutCode); !ok {
		t.Fatal("keyword gone")
	}
	for _, k := range per.Keywords.Keyword {
		if k.PutCode == kw.PutCode && k.Content != "after" {
			t.Errorf("keyword is %q", k.Content)
		}
	}
}

// TestWriteSuccessWithoutItsAnswer: a 2xx whose put-code is missing is
// "may have been applied" (never "try again"), and a 201 whose Location
// came but whose body was cut off is the success it is.
func TestWriteSuccessWithoutItsAnswer(t *testing.T) {
	srv, c := newWriteRegistry(t)
	ctx := context.Background()
	remove := srv.Inject(func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != http.MethodPost {
			return false
		}
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, "<html><body>Saved!</body></html>")
		return true
	})
	_, err := c.Add(ctx, orcidtest.CarberryID, newWork("Proxied", "10.5555/proxied"))
	remove()
	if !errors.Is(err, orcid.ErrMaybeApplied) || !strings.Contains(err.Error(), "may or may not have been added") {
		t.Errorf("a 200 page without a put-code: %v", err)
	}

	remove = srv.Inject(func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != http.MethodPost {
			return false
		}
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Location", srv.URL()+"/api/v3.0/"+orcidtest.CarberryID+"/work/4242")
		w.Header().Set("Content-Length", "100")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, "{\"cut\":")
		// The handler returns with 93 bytes missing: the client's read
		// of the body fails after the status and Location came.
		return true
	})
	defer remove()
	res, err := c.Add(ctx, orcidtest.CarberryID, newWork("Cut off", "10.5555/cutoff"))
	if err != nil || res.PutCode != 4242 {
		t.Errorf("a 201 with its Location and a cut-off body: %+v, %v", res, err)
	}
}

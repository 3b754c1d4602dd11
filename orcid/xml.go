package orcid

import (
	"encoding/xml"
	"strings"
	"time"
)

// ORCID XML shapes that differ from the JSON ones. The model types' xml tags
// carry no namespace, so they match ORCID's prefixed elements whatever the
// prefix (common:, work:, error: or a default namespace).
//
// Only decoding is provided: the in-process registry writes XML itself.

// timestampLayouts are the ISO-8601 forms seen in ORCID XML:
// 2017-01-18T15:03:56.856-06:00, 2016-04-14T20:56:22.279Z,
// 2001-12-31T12:00:00 (schema samples, no zone: taken as UTC).
var timestampLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02",
}

// UnmarshalXML reads an ISO-8601 text into epoch milliseconds. A text that is
// empty or cannot be parsed leaves the timestamp zero (absent) rather than
// failing the whole document: a timestamp is never worth losing a record.
func (t *Timestamp) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var s string
	if err := d.DecodeElement(&s, &start); err != nil {
		return err
	}
	t.Millis = parseXMLTimestamp(s)
	return nil
}

func parseXMLTimestamp(s string) int64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	for _, layout := range timestampLayouts {
		if tm, err := time.Parse(layout, s); err == nil {
			return tm.UnixMilli()
		}
	}
	return 0
}

// UnmarshalXML reads an affiliation group, whose summaries sit directly in
// it as employment:employment-summary, education:education-summary, ...
// elements (JSON wraps them in "summaries").
func (g *AffiliationGroup) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	*g = AffiliationGroup{}
	return eachChild(d, func(el xml.StartElement) error {
		switch name := el.Name.Local; {
		case name == "last-modified-date":
			g.LastModifiedDate = new(Timestamp)
			return d.DecodeElement(g.LastModifiedDate, &el)
		case name == "external-ids":
			g.ExternalIDs = new(ExternalIDs)
			return d.DecodeElement(g.ExternalIDs, &el)
		case strings.HasSuffix(name, "-summary"):
			var s AffiliationSummary
			if err := d.DecodeElement(&s, &el); err != nil {
				return err
			}
			g.Summaries = append(g.Summaries, s)
			return nil
		}
		return d.Skip()
	})
}

// UnmarshalXML reads one affiliation summary and takes Kind from the element
// name (employment-summary -> "employment").
func (s *AffiliationSummary) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var raw affiliationSummaryFields
	if err := d.DecodeElement(&raw, &start); err != nil {
		return err
	}
	*s = AffiliationSummary(raw)
	s.Kind = strings.TrimSuffix(start.Name.Local, "-summary")
	return nil
}

// UnmarshalXML reads a peer-review group. v3.0 nests the summaries in
// peer-review-group elements; ORCID's own peer-reviews-3.0.xml sample still
// puts peer-review:summary elements directly in the group. Those are
// collected into one sub-group so callers see a single shape.
func (g *PeerReviewGroup) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	*g = PeerReviewGroup{}
	var direct []PeerReviewSummary
	err := eachChild(d, func(el xml.StartElement) error {
		switch el.Name.Local {
		case "last-modified-date":
			g.LastModifiedDate = new(Timestamp)
			return d.DecodeElement(g.LastModifiedDate, &el)
		case "external-ids":
			g.ExternalIDs = new(ExternalIDs)
			return d.DecodeElement(g.ExternalIDs, &el)
		case "peer-review-group":
			var sg PeerReviewSubGroup
			if err := d.DecodeElement(&sg, &el); err != nil {
				return err
			}
			g.PeerReviewGroup = append(g.PeerReviewGroup, sg)
			return nil
		case "summary", "peer-review-summary":
			var s PeerReviewSummary
			if err := d.DecodeElement(&s, &el); err != nil {
				return err
			}
			direct = append(direct, s)
			return nil
		}
		return d.Skip()
	})
	if len(direct) > 0 {
		g.PeerReviewGroup = append(g.PeerReviewGroup, PeerReviewSubGroup{
			LastModifiedDate:  g.LastModifiedDate,
			PeerReviewSummary: direct,
		})
	}
	return err
}

// UnmarshalXML reads bulk:bulk, which mixes work:work and error:error
// children in document order.
func (b *WorkBulk) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	*b = WorkBulk{}
	return eachChild(d, func(el xml.StartElement) error {
		switch el.Name.Local {
		case "work":
			w := new(Work)
			if err := d.DecodeElement(w, &el); err != nil {
				return err
			}
			b.Bulk = append(b.Bulk, BulkItem{Work: w})
			return nil
		case "error":
			e := new(ErrorDocument)
			if err := d.DecodeElement(e, &el); err != nil {
				return err
			}
			b.Bulk = append(b.Bulk, BulkItem{Error: e})
			return nil
		}
		return d.Skip()
	})
}

// eachChild calls fn for every child element of the element being decoded,
// until its end tag. fn must consume the child (DecodeElement or Skip).
func eachChild(d *xml.Decoder, fn func(xml.StartElement) error) error {
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := fn(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

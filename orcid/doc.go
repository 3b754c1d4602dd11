// Package orcid is a client for the ORCID API v3.0 (public and member API).
//
// It knows ORCID's environments, iDs, the JSON/XML document shapes, ORCID's
// error documents and rate limits. It imports nothing of the terminal and no
// other package of this project, so it can be used by the CLI, the TUI and by
// other programs alike.
//
// Every request goes through one rate limiter per Client; every method takes a
// context.Context so it can be cancelled; errors are values that callers
// inspect with errors.As / errors.Is (APIError, MergedError, OAuthError,
// BadResponseError, RateLimitError, ...).
//
// With a member-API token a Client also writes: Add, Update and Delete take
// typed drafts (WorkDraft, FundingDraft, AffiliationDraft and the person
// items' drafts) or, with AddRaw and UpdateRaw, a document the user wrote;
// AddWorks adds works in bulk. Writes share the limiter and are never
// retried unless ORCID cannot have applied them (see Client.write).
package orcid

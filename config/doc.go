// Package config turns the config file, environment variables and flags
// into one effective Config, and keeps track of where every value came from
// so that `orcid-tui config show` can say it.
//
// Precedence: flags > environment variables > config file > built-in
// defaults. Flags and variables about credentials apply to the selected
// environment only. An invalid setting anywhere makes Load fail with an
// error naming the file, line, column and key (or the flag or variable):
// the program never starts half-configured.
//
// The file lives at DefaultPath ($XDG_CONFIG_HOME/orcid-tui/config.toml on
// Linux) unless --config names another:
//
//	default_environment = "sandbox"   # production (default), sandbox, demo or one defined below
//	theme = "auto"                    # auto, dark, light
//	token_storage = "auto"            # auto (keyring, else file), keyring, file
//
//	[rate_limits.public]              # ORCID's published limits are the defaults
//	per_second = 12
//	burst = 40
//
//	[rate_limits.member]
//	per_second = 24
//	burst = 40
//
//	[environments.sandbox]            # credentials for a built-in environment
//	client_id = "APP-674MCQQR985VZZQ2"
//	redirect_uri = "http://127.0.0.1:8765/callback"
//	scopes = ["openid", "/read-limited"]
//
//	[environments.local]              # a local ORCID instance: base URLs without /v3.0
//	registry_url = "https://127.0.0.1:8443/orcid-web"
//	pub_url = "https://127.0.0.1:8443/orcid-pub-web"
//	api_url = "https://127.0.0.1:8443/orcid-api-web"
//
//	[environments.testserver]         # one URL alone serves all three (like orcidtest)
//	registry_url = "http://127.0.0.1:9000"
//
// A client_secret may be written in an environment's table only when the
// file is mode 0600 or stricter; otherwise Load refuses it with an error
// saying how to fix it. Prefer ORCID_CLIENT_SECRET or the keyring.
//
// Client secrets: --client-secret > ORCID_CLIENT_SECRET > the config file >
// the OS keyring. Load never reads the keyring; main looks a secret up
// (package auth, service "orcid-tui") only for an environment with a client
// id and no secret from the first three (EnvConfig.WantsKeyringSecret), and
// fills it in with SetClientSecret and SourceKeyring. The keyring comes last
// so that start-up asks it nothing when a secret is given, and a secret the
// user can see (flag, variable, file) always explains what is used; saving a
// secret to the keyring from the TUI removes an older one from the file, so
// the saved one takes effect.
//
// Redirect URIs follow ORCID's registration rules: http only for
// 127.0.0.1 with a fixed port (ORCID matches the port exactly), https for
// any other host, and never "localhost", which ORCID refuses.
//
// Environment variables: ORCID_ENV, ORCID_REGISTRY_URL, ORCID_PUB_URL,
// ORCID_API_URL, ORCID_CLIENT_ID, ORCID_CLIENT_SECRET, ORCID_REDIRECT_URI.
// Giving URLs (by flag or variable) selects an environment named "custom";
// give all three, or exactly one when one server serves the registry and
// both APIs; two of three is an error. A name and URLs at the same level
// (--env with --api-url, or ORCID_ENV with ORCID_API_URL) must agree; at
// different levels the higher one wins (--env sandbox beats ORCID_API_URL).
package config

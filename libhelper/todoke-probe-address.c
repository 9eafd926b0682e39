/* todoke-probe-address.c: address syntax, IME mistakes and domain typos
 *
 * The syntax rules are RFC 5321 §4.1.2 and §4.5.3.1 (a local part of at
 * most 64 octets, a domain of dot-separated LDH labels of at most 63
 * octets, 255 in all); the IME mistakes are those a Japanese keyboard
 * makes: full-width ＠ and letters, ideographic spaces, 「。」 for the dot.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-probe-private.h"
#include "todoke-rule-set-private.h"

/* Mail domains people type every day and mistype: the big webmail
 * services and the Japanese carriers and ISPs (their support pages list
 * them). A typed domain close to one of these, but not equal, is likely a
 * typo. Order matters on ties: the most used first. */
static const char * const common_domains[] = {
  "gmail.com", "yahoo.co.jp", "icloud.com", "outlook.jp", "outlook.com",
  "hotmail.co.jp", "hotmail.com", "live.jp", "yahoo.com", "docomo.ne.jp",
  "ezweb.ne.jp", "au.com", "softbank.ne.jp", "i.softbank.jp", "ymobile.ne.jp",
  "googlemail.com", "me.com", "biglobe.ne.jp", "nifty.com", "ocn.ne.jp",
  "aol.com", "rakuten.jp",
};

typedef enum
{
  ADDRESS_OK,
  ADDRESS_FULLWIDTH,
  ADDRESS_SPACE,
  ADDRESS_NO_AT,
  ADDRESS_MANY_AT,
  ADDRESS_EMPTY_PART,
  ADDRESS_DOMAIN_DOTS,
  ADDRESS_DOMAIN_CHARS,
  ADDRESS_TOO_LONG,
  ADDRESS_UNREADABLE,
} AddressProblem;

/* RFC 5321: 64 octets of local part, 255 of domain, and an @. */
#define MAX_ADDRESS 320

static const char * const problem_text_ids[] = {
  [ADDRESS_OK] = "probe-address-ok",
  [ADDRESS_FULLWIDTH] = "probe-address-fullwidth",
  [ADDRESS_SPACE] = "probe-address-space",
  [ADDRESS_NO_AT] = "probe-address-no-at",
  [ADDRESS_MANY_AT] = "probe-address-many-at",
  [ADDRESS_EMPTY_PART] = "probe-address-empty-part",
  [ADDRESS_DOMAIN_DOTS] = "probe-address-domain-dots",
  [ADDRESS_DOMAIN_CHARS] = "probe-address-domain-chars",
  [ADDRESS_TOO_LONG] = "probe-address-too-long",
  [ADDRESS_UNREADABLE] = "probe-address-unreadable",
};

static gboolean
is_fullwidth (gunichar c)
{
  /* Full-width ASCII forms, the ideographic space and full stop. */
  return (c >= 0xff01 && c <= 0xff5e) || c == 0x3000 || c == 0x3002 || c == 0xff61;
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x3000;
}

/* What the user most likely meant: full-width forms folded (NFKC), 「。」
 * as a dot, spaces removed, trailing dots and the domain's case dropped. */
static char *
normalize_address (const char *address)
{
  g_autofree char *folded = g_utf8_normalize (address, -1, G_NORMALIZE_NFKC);
  GString *out = g_string_new (NULL);
  const char *p;
  char *at;

  for (p = folded; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x3002 || c == 0xff61)
        g_string_append_c (out, '.');
      else if (!is_space (c))
        g_string_append_unichar (out, c);
    }
  while (out->len > 0 && out->str[out->len - 1] == '.')
    g_string_truncate (out, out->len - 1);
  at = strrchr (out->str, '@');
  if (at != NULL)
    {
      g_autofree char *domain = g_ascii_strdown (at + 1, -1);

      g_string_truncate (out, at + 1 - out->str);
      g_string_append (out, domain);
    }

  return g_string_free (out, FALSE);
}

static gboolean
label_is_valid (const char *label,
                gsize       length)
{
  gsize i;

  if (length == 0 || length > 63 || label[0] == '-' || label[length - 1] == '-')
    return FALSE;
  for (i = 0; i < length; i++)
    if (!g_ascii_isalnum (label[i]) && label[i] != '-')
      return FALSE;

  return TRUE;
}

static AddressProblem
check_domain (const char *domain)
{
  g_autofree char *ascii = NULL;
  const char *label;

  if (*domain == '.' || g_str_has_suffix (domain, ".") || strstr (domain, "..") != NULL)
    return ADDRESS_DOMAIN_DOTS;
  ascii = g_hostname_to_ascii (domain);
  if (ascii == NULL)
    return ADDRESS_DOMAIN_CHARS;
  if (strlen (ascii) > 255)
    return ADDRESS_TOO_LONG;
  for (label = ascii; label != NULL; )
    {
      const char *dot = strchr (label, '.');
      gsize length = dot != NULL ? (gsize) (dot - label) : strlen (label);

      if (!label_is_valid (label, length))
        return ADDRESS_DOMAIN_CHARS;
      label = dot != NULL ? dot + 1 : NULL;
    }

  return ADDRESS_OK;
}

static AddressProblem
check_syntax (const char *address)
{
  const char *p;
  const char *at;

  if (strlen (address) > MAX_ADDRESS)
    return ADDRESS_TOO_LONG;
  for (p = address; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == 0xfffd || g_utf8_get_char (p) < 0x20)
      return ADDRESS_UNREADABLE;
  for (p = address; *p != '\0'; p = g_utf8_next_char (p))
    if (is_fullwidth (g_utf8_get_char (p)))
      return ADDRESS_FULLWIDTH;
  for (p = address; *p != '\0'; p = g_utf8_next_char (p))
    if (is_space (g_utf8_get_char (p)))
      return ADDRESS_SPACE;
  at = strchr (address, '@');
  if (at == NULL)
    return ADDRESS_NO_AT;
  if (strchr (at + 1, '@') != NULL)
    return ADDRESS_MANY_AT;
  if (at == address || at[1] == '\0')
    return ADDRESS_EMPTY_PART;
  if (at - address > 64)
    return ADDRESS_TOO_LONG;

  return check_domain (at + 1);
}

/**
 * _todoke_address_domain:
 * @address: an address as typed
 *
 * The domain the address most likely means (after folding IME mistakes),
 * lower-case, or %NULL if there is none.
 */
char *
_todoke_address_domain (const char *address)
{
  g_autofree char *normalized = normalize_address (address);
  const char *at = strrchr (normalized, '@');

  if (at == NULL || at[1] == '\0')
    return NULL;

  return g_strdup (at + 1);
}

/* Optimal string alignment distance: edits, with a swap of two
 * neighbours counted once ("gmial" → "gmail"). */
static guint
edit_distance (const char *a,
               const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *d = g_new0 (guint, (la + 1) * (lb + 1));
  gsize i, j;

#define D(x, y) d[(x) * (lb + 1) + (y)]
  for (i = 0; i <= la; i++)
    D (i, 0) = i;
  for (j = 0; j <= lb; j++)
    D (0, j) = j;
  for (i = 1; i <= la; i++)
    for (j = 1; j <= lb; j++)
      {
        guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
        guint best = MIN (MIN (D (i - 1, j) + 1, D (i, j - 1) + 1), D (i - 1, j - 1) + cost);

        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          best = MIN (best, D (i - 2, j - 2) + 1);
        D (i, j) = best;
      }

  return D (la, lb);
#undef D
}

/* How many edits a typed domain may be away from @known: short names
 * ("au.com", "me.com") are too easily near a real, different domain. */
static guint
allowed_distance (const char *typed,
                  const char *known)
{
  gsize length = MAX (strlen (typed), strlen (known));
  gsize longest_label = 0;
  const char *p;

  for (p = known; *p != '\0'; p += strcspn (p, "."), p += *p == '.')
    longest_label = MAX (longest_label, strcspn (p, "."));
  if (longest_label < 4 || length < 6)
    return 0;
  return length < 10 ? 1 : 2;
}

/* "gmail.co.jp" for "gmail.com": the same first label with another
 * ending is a wrong top-level domain. */
static gboolean
same_name_other_ending (const char *typed,
                        const char *known)
{
  const char *typed_dot = strchr (typed, '.');
  const char *known_dot = strchr (known, '.');

  if (typed_dot == NULL || known_dot == NULL || known_dot - known < 4)
    return FALSE;

  return typed_dot - typed == known_dot - known &&
         strncmp (typed, known, known_dot - known) == 0;
}

/**
 * _todoke_domain_suggest:
 * @rules: the rules, whose provider domains are known to be right
 * @domain: a lower-case domain
 *
 * The common mail domain @domain is most likely a typo of, or %NULL.
 */
char *
_todoke_domain_suggest (TodokeRuleSet *rules,
                        const char    *domain)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;
  guint i;

  if (g_strv_contains (common_domains, domain) ||
      _todoke_rule_set_find_provider (rules, domain, NULL, NULL) != NULL)
    return NULL;
  for (i = 0; i < G_N_ELEMENTS (common_domains); i++)
    {
      const char *known = common_domains[i];
      guint distance = edit_distance (domain, known);

      if (distance > allowed_distance (domain, known) &&
          !same_name_other_ending (domain, known))
        continue;
      if (distance < best_distance)
        {
          best = known;
          best_distance = distance;
        }
    }

  return g_strdup (best);
}

static TodokeFinding *
typo_finding (TodokeProbeContext *ctx,
              const char         *address,
              const char         *normalized)
{
  const char *at = strrchr (normalized, '@');
  g_autofree char *better = NULL;
  g_autofree char *suggestion = NULL;
  TodokeFinding *finding;

  if (at == NULL || (better = _todoke_domain_suggest (ctx->rules, at + 1)) == NULL)
    return NULL;
  suggestion = g_strdup_printf ("%.*s@%s", (int) (at - normalized), normalized, better);
  finding = _todoke_finding_new (ctx, TODOKE_CHECK_ADDRESS, TODOKE_FINDING_STATUS_WARNING,
                                 "send_invalid_address", address,
                                 "probe-address-typo", "probe-address-typo-detail",
                                 "address", address, "domain", at + 1,
                                 "suggestion", suggestion, NULL);
  _todoke_finding_set_suggestion (finding, suggestion);

  return finding;
}

static void
check_one (TodokeProbeContext *ctx,
           const char         *address,
           GPtrArray          *findings)
{
  AddressProblem problem = check_syntax (address);
  g_autofree char *normalized = NULL;
  TodokeFinding *typo = NULL;
  TodokeFinding *finding;

  if (problem != ADDRESS_TOO_LONG && problem != ADDRESS_UNREADABLE)
    {
      normalized = normalize_address (address);
      typo = typo_finding (ctx, address, normalized);
    }

  if (problem == ADDRESS_OK && typo != NULL)
    {
      g_ptr_array_add (findings, typo);
      return;
    }
  finding = _todoke_finding_new (ctx, TODOKE_CHECK_ADDRESS,
                                 problem == ADDRESS_OK ? TODOKE_FINDING_STATUS_OK
                                                       : TODOKE_FINDING_STATUS_PROBLEM,
                                 problem == ADDRESS_OK ? NULL : "send_invalid_address",
                                 address, problem_text_ids[problem], NULL,
                                 "address", address, NULL);
  if (problem != ADDRESS_OK && normalized != NULL && check_syntax (normalized) == ADDRESS_OK)
    _todoke_finding_set_suggestion (finding, typo != NULL ? todoke_finding_get_suggestion (typo)
                                                          : normalized);
  g_clear_object (&typo);
  g_ptr_array_add (findings, finding);
}

void
_todoke_check_address (TodokeProbeContext *ctx,
                       GPtrArray          *findings,
                       GCancellable       *cancellable)
{
  if (ctx->recipient != NULL && *ctx->recipient != '\0')
    check_one (ctx, ctx->recipient, findings);
  if (ctx->sender != NULL && *ctx->sender != '\0')
    check_one (ctx, ctx->sender, findings);
}

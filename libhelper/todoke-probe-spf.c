/* todoke-probe-spf.c: the sender domain's SPF record (RFC 7208)
 *
 * Finds the one "v=spf1" TXT record, walks its terms as check_host()
 * does — ip4, ip6, a, mx, include, exists, ptr, all, redirect — counting
 * the DNS lookups (at most 10, §4.6.4), and evaluates whether the
 * submission server's address may send for the domain. Macros (§7) are
 * not expanded: a record that needs them is reported as not checked for
 * the server's address rather than guessed.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "todoke-probe-private.h"

#define MAX_LOOKUPS 10
#define MAX_MX_NAMES 10

typedef enum
{
  SPF_NONE,
  SPF_NEUTRAL,
  SPF_PASS,
  SPF_FAIL,
  SPF_SOFTFAIL,
  SPF_TEMPERROR,
  SPF_PERMERROR,
} SpfResult;

typedef enum
{
  SPF_ERROR_NONE,
  SPF_ERROR_MANY_RECORDS,
  SPF_ERROR_TOO_MANY_LOOKUPS,
  SPF_ERROR_SYNTAX,
  SPF_ERROR_MACRO,
} SpfError;

typedef struct
{
  TodokeProbeContext *ctx;
  GCancellable       *cancellable;
  GInetAddress       *ip;           /* nullable: only validate */
  guint               lookups;
  SpfError            error;
  char               *bad_term;
  gboolean            plus_all;     /* the top record ends with +all */
} SpfState;

static SpfResult check_host (SpfState *state, const char *domain, guint depth);

/* The TXT records of @name starting with @prefix; NULL on a DNS failure
 * (other than "no such record"). */
GPtrArray *
_todoke_dns_txt (TodokeProbeContext  *ctx,
                 const char          *name,
                 const char          *prefix,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  GList *records, *l;

  records = g_resolver_lookup_records (ctx->resolver, name, G_RESOLVER_RECORD_TXT, cancellable, &local_error);
  if (records == NULL && !g_error_matches (local_error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      g_ptr_array_unref (found);
      return NULL;
    }
  for (l = records; l != NULL; l = l->next)
    {
      g_autofree const char **strings = NULL;
      g_autofree char *joined = NULL;
      gsize length = strlen (prefix);

      /* A record's strings are one text (RFC 7208 §3.3). */
      g_variant_get ((GVariant *) l->data, "(^a&s)", &strings);
      joined = g_strjoinv ("", (char **) strings);
      if (g_ascii_strncasecmp (joined, prefix, length) == 0 &&
          (joined[length] == '\0' || joined[length] == ' ' || joined[length] == ';'))
        g_ptr_array_add (found, g_steal_pointer (&joined));
    }
  g_list_free_full (records, (GDestroyNotify) g_variant_unref);

  return found;
}

static gboolean
count_lookup (SpfState *state)
{
  if (++state->lookups <= MAX_LOOKUPS)
    return TRUE;
  state->error = SPF_ERROR_TOO_MANY_LOOKUPS;

  return FALSE;
}

static void
syntax_error (SpfState   *state,
              const char *term)
{
  if (state->error == SPF_ERROR_NONE)
    {
      state->error = strchr (term, '%') != NULL ? SPF_ERROR_MACRO : SPF_ERROR_SYNTAX;
      state->bad_term = g_strdup (term);
    }
}

/* Does @ip fall in @network/@length? *valid says whether the network
 * and length were well formed. */
static gboolean
ip_matches (GInetAddress *ip,
            const char   *network,
            guint         length,
            gboolean     *valid)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (network);
  g_autoptr(GInetAddressMask) mask = NULL;

  *valid = address != NULL;
  if (address == NULL || ip == NULL ||
      g_inet_address_get_family (address) != g_inet_address_get_family (ip))
    return FALSE;
  mask = g_inet_address_mask_new (address, length, NULL);
  *valid = mask != NULL;

  return mask != NULL && g_inet_address_mask_matches (mask, ip);
}

/* Splits "ip4:192.0.2.0/24" or "a:host/24//64" into target and lengths. */
static char *
split_cidr (const char *value,
            guint      *v4,
            guint      *v6)
{
  char *target = g_strdup (value);
  char *slash = strchr (target, '/');

  *v4 = 32, *v6 = 128;
  if (slash == NULL)
    return target;
  *slash = '\0';
  if (slash[1] != '/')
    *v4 = strtoul (slash + 1, NULL, 10);
  if ((slash = strstr (slash + 1, "//")) != NULL)
    *v6 = strtoul (slash + 2, NULL, 10);

  return target;
}

static gboolean
addresses_match (SpfState   *state,
                 const char *host,
                 guint       v4,
                 guint       v6,
                 gboolean   *temperror)
{
  g_autoptr(GError) error = NULL;
  GList *addresses, *l;
  gboolean match = FALSE;

  addresses = g_resolver_lookup_by_name (state->ctx->resolver, host, state->cancellable, &error);
  if (addresses == NULL && !g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    *temperror = TRUE;
  for (l = addresses; l != NULL && state->ip != NULL && !match; l = l->next)
    {
      g_autofree char *text = g_inet_address_to_string (l->data);
      gboolean valid;
      guint length = g_inet_address_get_family (l->data) == G_SOCKET_FAMILY_IPV6 ? v6 : v4;

      match = ip_matches (state->ip, text, length, &valid);
    }
  g_resolver_free_addresses (addresses);

  return match;
}

static gboolean
mx_matches (SpfState   *state,
            const char *domain,
            guint       v4,
            guint       v6,
            gboolean   *temperror)
{
  g_autoptr(GError) error = NULL;
  GList *records, *l;
  gboolean match = FALSE;
  guint n = 0;

  records = g_resolver_lookup_records (state->ctx->resolver, domain, G_RESOLVER_RECORD_MX,
                                       state->cancellable, &error);
  if (records == NULL && !g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    *temperror = TRUE;
  for (l = records; l != NULL && !match && n < MAX_MX_NAMES; l = l->next, n++)
    {
      const char *exchange;

      g_variant_get ((GVariant *) l->data, "(q&s)", NULL, &exchange);
      match = addresses_match (state, exchange, v4, v6, temperror);
    }
  g_list_free_full (records, (GDestroyNotify) g_variant_unref);

  return match;
}

static SpfResult
qualifier_result (char qualifier)
{
  switch (qualifier)
    {
    case '-': return SPF_FAIL;
    case '~': return SPF_SOFTFAIL;
    case '?': return SPF_NEUTRAL;
    default: return SPF_PASS;
    }
}

/* One mechanism: TRUE if it matches; *result set on errors. */
static gboolean
mechanism_matches (SpfState   *state,
                   const char *domain,
                   const char *name,
                   const char *value,
                   guint       depth,
                   SpfResult  *error_result)
{
  guint v4, v6;
  g_autofree char *target = split_cidr (value != NULL ? value : "", &v4, &v6);
  const char *host = *target != '\0' ? target : domain;
  gboolean temperror = FALSE, match = FALSE, valid = TRUE;

  if (g_ascii_strcasecmp (name, "all") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (name, "ip4") == 0 || g_ascii_strcasecmp (name, "ip6") == 0)
    {
      match = ip_matches (state->ip, target, name[2] == '4' ? v4 : v6, &valid);
      if (!valid || (name[2] == '4' && v4 > 32) || v6 > 128)
        *error_result = SPF_PERMERROR;
      return match;
    }
  if (strchr (host, '%') != NULL)
    {
      *error_result = SPF_PERMERROR;
      return FALSE;
    }
  if (g_ascii_strcasecmp (name, "include") == 0 || g_ascii_strcasecmp (name, "a") == 0 ||
      g_ascii_strcasecmp (name, "mx") == 0 || g_ascii_strcasecmp (name, "exists") == 0 ||
      g_ascii_strcasecmp (name, "ptr") == 0)
    {
      if (!count_lookup (state))
        {
          *error_result = SPF_PERMERROR;
          return FALSE;
        }
    }
  if (g_ascii_strcasecmp (name, "include") == 0)
    {
      SpfResult included = check_host (state, host, depth + 1);

      if (included == SPF_TEMPERROR || included == SPF_PERMERROR || included == SPF_NONE)
        *error_result = included == SPF_NONE ? SPF_PERMERROR : included;
      return included == SPF_PASS;
    }
  if (g_ascii_strcasecmp (name, "a") == 0)
    match = addresses_match (state, host, v4, v6, &temperror);
  else if (g_ascii_strcasecmp (name, "mx") == 0)
    match = mx_matches (state, host, v4, v6, &temperror);
  else if (g_ascii_strcasecmp (name, "exists") == 0)
    match = addresses_match (state, host, 32, 128, &temperror);
  else if (g_ascii_strcasecmp (name, "ptr") != 0)
    *error_result = SPF_PERMERROR;
  if (temperror)
    *error_result = SPF_TEMPERROR;

  return match;
}

/* Evaluates one record's terms; the walk goes on after a match when
 * only validating (no address), so every lookup is counted. */
static SpfResult
evaluate (SpfState   *state,
          const char *domain,
          const char *record,
          guint       depth)
{
  g_auto(GStrv) terms = g_strsplit_set (record, " \t", -1);
  const char *redirect = NULL;
  SpfResult result = SPF_NEUTRAL;
  gboolean matched = FALSE;
  guint i;

  for (i = 1; terms[i] != NULL && state->error == SPF_ERROR_NONE; i++)
    {
      const char *term = terms[i];
      char qualifier = strchr ("+-~?", *term) != NULL && *term != '\0' ? *term++ : '+';
      g_autofree char *name = g_strndup (term, strcspn (term, ":=/"));
      const char *value = term[strlen (name)] == ':' || term[strlen (name)] == '/'
                          ? term + strlen (name) + (term[strlen (name)] == ':') : NULL;
      SpfResult error_result = SPF_NONE;

      if (*term == '\0')
        continue;
      if (term[strlen (name)] == '=')
        {
          if (g_ascii_strcasecmp (name, "redirect") == 0)
            redirect = term + strlen (name) + 1;
          continue;
        }
      if (mechanism_matches (state, domain, name, value, depth, &error_result) && !matched)
        {
          matched = TRUE;
          result = qualifier_result (qualifier);
          if (depth == 0 && qualifier == '+' && g_ascii_strcasecmp (name, "all") == 0)
            state->plus_all = TRUE;
        }
      if (error_result == SPF_PERMERROR)
        syntax_error (state, terms[i]);
      if (error_result != SPF_NONE && !matched)
        return error_result;
      /* Evaluating stops at the first match; validating walks on. */
      if (matched && state->ip != NULL)
        break;
    }
  if (state->error != SPF_ERROR_NONE)
    return SPF_PERMERROR;
  if (!matched && redirect != NULL)
    return count_lookup (state) ? check_host (state, redirect, depth + 1) : SPF_PERMERROR;

  return result;
}

static SpfResult
check_host (SpfState   *state,
            const char *domain,
            guint       depth)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;

  if (depth > MAX_LOOKUPS)
    return SPF_PERMERROR;
  records = _todoke_dns_txt (state->ctx, domain, "v=spf1", state->cancellable, &error);
  if (records == NULL)
    return SPF_TEMPERROR;
  if (records->len == 0)
    return SPF_NONE;
  if (records->len > 1)
    {
      state->error = depth == 0 ? SPF_ERROR_MANY_RECORDS : state->error;
      return SPF_PERMERROR;
    }

  return evaluate (state, domain, g_ptr_array_index (records, 0), depth);
}

static TodokeFinding *
spf_finding (TodokeProbeContext  *ctx,
             TodokeFindingStatus  status,
             const char          *domain,
             const char          *text,
             SpfState            *state,
             const char          *address)
{
  g_autofree char *lookups = g_strdup_printf ("%u", state->lookups);

  return _todoke_finding_new (ctx, TODOKE_CHECK_SENDER_SPF, status,
                              status == TODOKE_FINDING_STATUS_OK ||
                              status == TODOKE_FINDING_STATUS_NOT_CHECKED ? NULL : "auth_spf",
                              domain, text, NULL, "domain", domain, "lookups", lookups,
                              "term", state->bad_term, "server", ctx->server,
                              "address", address, NULL);
}

/* The record itself: present, single, well formed, within 10 lookups. */
static TodokeFinding *
validate_record (TodokeProbeContext *ctx,
                 const char         *domain,
                 SpfState           *state,
                 gboolean           *usable,
                 GCancellable       *cancellable)
{
  SpfResult result = check_host (state, domain, 0);

  *usable = FALSE;
  switch (state->error)
    {
    case SPF_ERROR_MANY_RECORDS:
      return spf_finding (ctx, TODOKE_FINDING_STATUS_PROBLEM, domain, "probe-spf-many", state, NULL);
    case SPF_ERROR_TOO_MANY_LOOKUPS:
      return spf_finding (ctx, TODOKE_FINDING_STATUS_PROBLEM, domain, "probe-spf-lookups", state, NULL);
    case SPF_ERROR_SYNTAX:
      return spf_finding (ctx, TODOKE_FINDING_STATUS_PROBLEM, domain, "probe-spf-syntax", state, NULL);
    case SPF_ERROR_MACRO:
    case SPF_ERROR_NONE:
    default:
      break;
    }
  if (result == SPF_TEMPERROR)
    return spf_finding (ctx, TODOKE_FINDING_STATUS_NOT_CHECKED, domain, "probe-spf-failed", state, NULL);
  if (result == SPF_NONE)
    return _todoke_dns_works (ctx, cancellable)
           ? spf_finding (ctx, TODOKE_FINDING_STATUS_WARNING, domain, "probe-spf-none", state, NULL)
           : spf_finding (ctx, TODOKE_FINDING_STATUS_NOT_CHECKED, domain, "probe-spf-failed", state, NULL);
  *usable = TRUE;
  if (state->plus_all)
    return spf_finding (ctx, TODOKE_FINDING_STATUS_WARNING, domain, "probe-spf-plus-all", state, NULL);

  return spf_finding (ctx, TODOKE_FINDING_STATUS_OK, domain, "probe-spf-ok", state, NULL);
}

static GInetAddress *
server_address (TodokeProbeContext *ctx,
                GCancellable       *cancellable)
{
  GInetAddress *literal = g_inet_address_new_from_string (ctx->server);
  GList *addresses;
  GInetAddress *first;

  if (literal != NULL)
    return literal;
  addresses = g_resolver_lookup_by_name (ctx->resolver, ctx->server, cancellable, NULL);
  if (addresses == NULL)
    return NULL;
  first = g_object_ref (addresses->data);
  g_resolver_free_addresses (addresses);

  return first;
}

/* Whether the record lets the submission server's address send. */
static TodokeFinding *
check_coverage (TodokeProbeContext *ctx,
                const char         *domain,
                gboolean            macros,
                GCancellable       *cancellable)
{
  SpfState state = { ctx, cancellable, NULL, 0, SPF_ERROR_NONE, NULL, FALSE };
  g_autofree char *text = NULL;
  TodokeFinding *finding;
  SpfResult result;

  state.ip = server_address (ctx, cancellable);
  if (state.ip == NULL || macros)
    {
      finding = spf_finding (ctx, TODOKE_FINDING_STATUS_NOT_CHECKED, domain,
                             macros ? "probe-spf-macro" : "probe-spf-no-server", &state, NULL);
      g_clear_object (&state.ip);
      return finding;
    }
  text = g_inet_address_to_string (state.ip);
  result = check_host (&state, domain, 0);
  if (result == SPF_PASS)
    finding = spf_finding (ctx, TODOKE_FINDING_STATUS_OK, domain, "probe-spf-pass", &state, text);
  else if (result == SPF_TEMPERROR || result == SPF_PERMERROR || result == SPF_NONE)
    finding = spf_finding (ctx, TODOKE_FINDING_STATUS_NOT_CHECKED, domain, "probe-spf-failed", &state, text);
  else
    finding = spf_finding (ctx, TODOKE_FINDING_STATUS_WARNING, domain, "probe-spf-not-covered", &state, text);
  g_clear_object (&state.ip);
  g_free (state.bad_term);

  return finding;
}

void
_todoke_check_sender_spf (TodokeProbeContext *ctx,
                          GPtrArray          *findings,
                          GCancellable       *cancellable)
{
  g_autofree char *typed = _todoke_address_domain (ctx->sender);
  g_autofree char *domain = typed != NULL ? g_hostname_to_ascii (typed) : NULL;
  SpfState state = { ctx, cancellable, NULL, 0, SPF_ERROR_NONE, NULL, FALSE };
  gboolean usable;

  if (domain == NULL)
    {
      g_ptr_array_add (findings, _todoke_finding_new (ctx, TODOKE_CHECK_SENDER_SPF,
                                                      TODOKE_FINDING_STATUS_NOT_CHECKED, NULL,
                                                      ctx->sender, "probe-dns-no-input", NULL,
                                                      "domain", ctx->sender, NULL));
      return;
    }
  g_ptr_array_add (findings, validate_record (ctx, domain, &state, &usable, cancellable));
  if (usable && ctx->server != NULL && *ctx->server != '\0')
    g_ptr_array_add (findings, check_coverage (ctx, domain, state.error == SPF_ERROR_MACRO, cancellable));
  g_free (state.bad_term);
}

/* todoke-probe-mtasts.c: the recipient domain's MTA-STS policy (RFC 8461)
 *
 * A domain announces a policy with a "v=STSv1" TXT record at
 * _mta-sts.DOMAIN and serves it at
 * https://mta-sts.DOMAIN/.well-known/mta-sts.txt (fetched with libsoup 3,
 * no redirects, a certificate valid for that name, 64 KiB at most). The
 * policy's mode says whether sending servers must use TLS with a valid
 * certificate ("enforce"), and its mx lines name the MX hosts allowed.
 * A policy that cannot be fetched or read makes strict senders hold the
 * mail: that is the failedstarttls reason.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "todoke-probe-private.h"

#define MAX_POLICY (64 * 1024)

typedef struct
{
  char      *mode;
  GPtrArray *mx;         /* (element-type utf8) patterns */
  gboolean   valid;
} Policy;

static void
policy_clear (Policy *policy)
{
  g_clear_pointer (&policy->mode, g_free);
  g_clear_pointer (&policy->mx, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Policy, policy_clear)

/* RFC 8461 §3.2: "key: value" lines; version, mode and max_age are
 * required, mx too unless the mode is "none". */
static void
parse_policy (const char *text,
              Policy     *policy)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean version = FALSE, max_age = FALSE;
  guint i;

  policy->mx = g_ptr_array_new_with_free_func (g_free);
  for (i = 0; lines[i] != NULL; i++)
    {
      char *colon = strchr (lines[i], ':');
      char *value;

      if (colon == NULL)
        continue;
      *colon = '\0';
      value = g_strstrip (colon + 1);
      g_strstrip (lines[i]);
      if (strcmp (lines[i], "version") == 0)
        version = strcmp (value, "STSv1") == 0;
      else if (strcmp (lines[i], "mode") == 0 && policy->mode == NULL)
        policy->mode = g_strdup (value);
      else if (strcmp (lines[i], "max_age") == 0)
        max_age = *value != '\0' && strspn (value, "0123456789") == strlen (value);
      else if (strcmp (lines[i], "mx") == 0)
        g_ptr_array_add (policy->mx, g_ascii_strdown (value, -1));
    }
  policy->valid = version && max_age && policy->mode != NULL &&
                  (g_str_equal (policy->mode, "enforce") || g_str_equal (policy->mode, "testing") ||
                   g_str_equal (policy->mode, "none")) &&
                  (g_str_equal (policy->mode, "none") || policy->mx->len > 0);
}

/* "mx1.example.jp" against "mx1.example.jp" or "*.example.jp" (one label). */
static gboolean
mx_allowed (Policy     *policy,
            const char *host)
{
  g_autofree char *lower = g_ascii_strdown (host, -1);
  guint i;

  if (g_str_has_suffix (lower, "."))
    lower[strlen (lower) - 1] = '\0';
  for (i = 0; i < policy->mx->len; i++)
    {
      const char *pattern = g_ptr_array_index (policy->mx, i);
      const char *dot = strchr (lower, '.');

      if (strcmp (pattern, lower) == 0 ||
          (g_str_has_prefix (pattern, "*.") && dot != NULL && strcmp (pattern + 1, dot) == 0))
        return TRUE;
    }

  return FALSE;
}

/* The first MX host the policy does not allow, or NULL. */
static char *
disallowed_mx (TodokeProbeContext *ctx,
               Policy             *policy,
               const char         *domain,
               GCancellable       *cancellable)
{
  GList *records, *l;
  char *found = NULL;

  records = g_resolver_lookup_records (ctx->resolver, domain, G_RESOLVER_RECORD_MX, cancellable, NULL);
  for (l = records; l != NULL && found == NULL; l = l->next)
    {
      const char *exchange;

      g_variant_get ((GVariant *) l->data, "(q&s)", NULL, &exchange);
      if (*exchange != '\0' && !mx_allowed (policy, exchange))
        found = g_strdup (exchange);
    }
  g_list_free_full (records, (GDestroyNotify) g_variant_unref);

  return found;
}

typedef enum
{
  FETCH_OK,
  FETCH_BROKEN,      /* the server answered wrongly: a finding */
  FETCH_OFFLINE,     /* no answer: could not check */
} FetchResult;

static FetchResult
fetch_policy (TodokeProbeContext  *ctx,
              const char          *domain,
              char               **text,
              GCancellable        *cancellable)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TodokeStep) step = _todoke_step_new (cancellable, MAX (100, ctx->timeout_ms * 8 / 10));
  g_autofree char *url = g_strdup_printf ("https://mta-sts.%s:%u/.well-known/mta-sts.txt",
                                          domain, ctx->mta_sts_port);

  session = soup_session_new_with_options ("timeout", MAX (1u, ctx->timeout_ms / 1000),
                                           "user-agent", "todoke/" PACKAGE_VERSION, NULL);
  if (ctx->tls_database != NULL)
    soup_session_set_tls_database (session, ctx->tls_database);
  message = soup_message_new (SOUP_METHOD_GET, url);
  if (message == NULL)
    return FETCH_BROKEN;
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  body = soup_session_send_and_read (session, message, _todoke_step_get_cancellable (step), &error);
  if (body == NULL)
    {
      g_debug ("%s: %s", url, error->message);
      return error->domain == G_TLS_ERROR ? FETCH_BROKEN : FETCH_OFFLINE;
    }
  if (soup_message_get_status (message) != SOUP_STATUS_OK || g_bytes_get_size (body) > MAX_POLICY ||
      !g_utf8_validate (g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL))
    return FETCH_BROKEN;
  *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  return FETCH_OK;
}

static TodokeFinding *
mtasts_finding (TodokeProbeContext  *ctx,
                TodokeFindingStatus  status,
                const char          *domain,
                const char          *text,
                const char          *mx)
{
  return _todoke_finding_new (ctx, TODOKE_CHECK_MTA_STS, status,
                              status == TODOKE_FINDING_STATUS_PROBLEM ? "failedstarttls" : NULL,
                              domain, text, NULL, "domain", domain, "mx", mx, NULL);
}

static TodokeFinding *
judge_policy (TodokeProbeContext *ctx,
              const char         *domain,
              const char         *text,
              GCancellable       *cancellable)
{
  g_auto(Policy) policy = { 0 };
  g_autofree char *outside = NULL;

  parse_policy (text, &policy);
  if (!policy.valid)
    return mtasts_finding (ctx, TODOKE_FINDING_STATUS_PROBLEM, domain, "probe-mtasts-invalid", NULL);
  if (strcmp (policy.mode, "none") == 0)
    return mtasts_finding (ctx, TODOKE_FINDING_STATUS_OK, domain, "probe-mtasts-off", NULL);
  outside = disallowed_mx (ctx, &policy, domain, cancellable);
  if (outside != NULL && strcmp (policy.mode, "enforce") == 0)
    return mtasts_finding (ctx, TODOKE_FINDING_STATUS_PROBLEM, domain, "probe-mtasts-mx", outside);
  if (outside != NULL)
    return mtasts_finding (ctx, TODOKE_FINDING_STATUS_WARNING, domain, "probe-mtasts-mx", outside);

  return mtasts_finding (ctx, TODOKE_FINDING_STATUS_OK, domain,
                         strcmp (policy.mode, "enforce") == 0 ? "probe-mtasts-enforce"
                                                              : "probe-mtasts-testing", NULL);
}

void
_todoke_check_mta_sts (TodokeProbeContext *ctx,
                       GPtrArray          *findings,
                       GCancellable       *cancellable)
{
  g_autofree char *typed = _todoke_address_domain (ctx->recipient);
  g_autofree char *domain = typed != NULL ? g_hostname_to_ascii (typed) : NULL;
  g_autofree char *name = domain != NULL ? g_strconcat ("_mta-sts.", domain, NULL) : NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *text = NULL;

  if (domain == NULL)
    {
      g_ptr_array_add (findings, mtasts_finding (ctx, TODOKE_FINDING_STATUS_NOT_CHECKED,
                                                 ctx->recipient, "probe-dns-no-input", NULL));
      return;
    }
  records = _todoke_dns_txt (ctx, name, "v=STSv1", cancellable, NULL);
  if (records == NULL || (records->len == 0 && !_todoke_dns_works (ctx, cancellable)))
    g_ptr_array_add (findings, mtasts_finding (ctx, TODOKE_FINDING_STATUS_NOT_CHECKED, domain,
                                               "probe-mtasts-failed", NULL));
  else if (records->len == 0)
    g_ptr_array_add (findings, mtasts_finding (ctx, TODOKE_FINDING_STATUS_OK, domain,
                                               "probe-mtasts-none", NULL));
  else
    switch (fetch_policy (ctx, domain, &text, cancellable))
      {
      case FETCH_OK:
        g_ptr_array_add (findings, judge_policy (ctx, domain, text, cancellable));
        break;
      case FETCH_BROKEN:
        g_ptr_array_add (findings, mtasts_finding (ctx, TODOKE_FINDING_STATUS_PROBLEM, domain,
                                                   "probe-mtasts-unreachable", NULL));
        break;
      case FETCH_OFFLINE:
      default:
        g_ptr_array_add (findings, mtasts_finding (ctx, TODOKE_FINDING_STATUS_NOT_CHECKED, domain,
                                                   "probe-mtasts-failed", NULL));
        break;
      }
}

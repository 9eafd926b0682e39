/* todoke-probe-dns.c: the recipient domain's MX, null MX and A/AAAA records
 *
 * RFC 5321 §5.1: mail goes to the MX hosts of the domain, or, when it has
 * no MX record at all, to the domain's own address (the "implicit MX").
 * RFC 7505: a single MX record "0 ." says the domain accepts no mail.
 * Only a definite answer becomes a finding: a lookup that fails for any
 * other reason than "no such record" (offline, a timeout, a broken
 * server) reports "could not check". Some networks (captive portals,
 * sandboxes, broken home routers) answer "no such name" for everything, so
 * before saying a domain does not exist the check asks for the root
 * zone's name servers, which every working resolver knows.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-probe-private.h"

#define MAX_MX_HOSTS_RESOLVED 3

typedef enum
{
  LOOKUP_FOUND,
  LOOKUP_NONE,       /* the DNS said: no such name or no such record */
  LOOKUP_FAILED,     /* no answer: say "could not check" */
} LookupResult;

static LookupResult
classify_error (GError *error)
{
  if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    return LOOKUP_NONE;

  return LOOKUP_FAILED;
}

static LookupResult
lookup_mx (GResolver     *resolver,
           const char    *domain,
           GList        **records,
           GCancellable  *cancellable)
{
  g_autoptr(GError) error = NULL;

  *records = g_resolver_lookup_records (resolver, domain, G_RESOLVER_RECORD_MX,
                                        cancellable, &error);
  if (*records != NULL)
    return LOOKUP_FOUND;
  g_debug ("MX %s: %s", domain, error != NULL ? error->message : "empty");

  return error != NULL ? classify_error (error) : LOOKUP_NONE;
}

static LookupResult
lookup_address (GResolver    *resolver,
                const char   *host,
                GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  GList *addresses;

  addresses = g_resolver_lookup_by_name (resolver, host, cancellable, &error);
  if (addresses != NULL)
    {
      g_resolver_free_addresses (addresses);
      return LOOKUP_FOUND;
    }
  g_debug ("A/AAAA %s: %s", host, error != NULL ? error->message : "empty");

  return error != NULL ? classify_error (error) : LOOKUP_NONE;
}

/* Whether the resolver gives real answers: the root zone has NS records. */
gboolean
_todoke_dns_works (TodokeProbeContext *ctx,
                   GCancellable       *cancellable)
{
  g_autoptr(GError) error = NULL;
  GList *records;

  records = g_resolver_lookup_records (ctx->resolver, ".", G_RESOLVER_RECORD_NS,
                                       cancellable, &error);
  if (records == NULL)
    {
      g_debug ("control query NS .: %s", error != NULL ? error->message : "empty");
      return FALSE;
    }
  g_list_free_full (records, (GDestroyNotify) g_variant_unref);

  return TRUE;
}

static void
free_records (GList *records)
{
  g_list_free_full (records, (GDestroyNotify) g_variant_unref);
}

static gboolean
is_null_mx (GList *records)
{
  const char *exchange;
  guint16 preference;

  if (records == NULL || records->next != NULL)
    return FALSE;
  g_variant_get ((GVariant *) records->data, "(q&s)", &preference, &exchange);

  return preference == 0 && (*exchange == '\0' || strcmp (exchange, ".") == 0);
}

static gint
compare_mx (gconstpointer a,
            gconstpointer b)
{
  guint16 pa, pb;

  g_variant_get ((GVariant *) a, "(q&s)", &pa, NULL);
  g_variant_get ((GVariant *) b, "(q&s)", &pb, NULL);

  return (gint) pa - (gint) pb;
}

/* "10 mx1.example.jp, 20 mx2.example.jp" */
static char *
describe_mx (GList *records)
{
  GString *out = g_string_new (NULL);
  GList *l;

  for (l = records; l != NULL; l = l->next)
    {
      const char *exchange;
      guint16 preference;

      g_variant_get ((GVariant *) l->data, "(q&s)", &preference, &exchange);
      g_string_append_printf (out, "%s%u %s", out->len > 0 ? ", " : "", preference, exchange);
    }

  return g_string_free (out, FALSE);
}

/* Whether any of the first MX hosts has an address. */
static LookupResult
resolve_mx_hosts (TodokeProbeContext *ctx,
                  GList              *records,
                  GCancellable       *cancellable)
{
  LookupResult result = LOOKUP_NONE;
  guint n = 0;
  GList *l;

  for (l = records; l != NULL && n < MAX_MX_HOSTS_RESOLVED; l = l->next, n++)
    {
      const char *exchange;
      LookupResult one;

      g_variant_get ((GVariant *) l->data, "(q&s)", NULL, &exchange);
      one = lookup_address (ctx->resolver, exchange, cancellable);
      if (one == LOOKUP_FOUND)
        return LOOKUP_FOUND;
      if (one == LOOKUP_FAILED)
        result = LOOKUP_FAILED;
    }

  return result;
}

static TodokeFinding *
domain_finding (TodokeProbeContext  *ctx,
                TodokeFindingStatus  status,
                const char          *reason,
                const char          *domain,
                const char          *text_id,
                const char          *records)
{
  return _todoke_finding_new (ctx, TODOKE_CHECK_RECIPIENT_DNS, status, reason, domain,
                              text_id, NULL, "domain", domain, "records", records, NULL);
}

static TodokeFinding *
check_mx_records (TodokeProbeContext *ctx,
                  const char         *domain,
                  GList              *records,
                  GCancellable       *cancellable)
{
  g_autofree char *described = describe_mx (records);

  if (is_null_mx (records))
    return domain_finding (ctx, TODOKE_FINDING_STATUS_PROBLEM, "notaccept", domain,
                           "probe-dns-null-mx", NULL);
  switch (resolve_mx_hosts (ctx, records, cancellable))
    {
    case LOOKUP_NONE:
      if (_todoke_dns_works (ctx, cancellable))
        return domain_finding (ctx, TODOKE_FINDING_STATUS_PROBLEM, "hostunknown", domain,
                               "probe-dns-mx-unresolvable", described);
      return domain_finding (ctx, TODOKE_FINDING_STATUS_NOT_CHECKED, NULL, domain,
                             "probe-dns-failed", NULL);
    case LOOKUP_FOUND:
      return domain_finding (ctx, TODOKE_FINDING_STATUS_OK, NULL, domain,
                             "probe-dns-mx-ok", described);
    case LOOKUP_FAILED:
    default:
      return domain_finding (ctx, TODOKE_FINDING_STATUS_NOT_CHECKED, NULL, domain,
                             "probe-dns-failed", NULL);
    }
}

static TodokeFinding *
check_domain (TodokeProbeContext *ctx,
              const char         *domain,
              GCancellable       *cancellable)
{
  GList *records = NULL;
  TodokeFinding *finding;
  LookupResult address;

  switch (lookup_mx (ctx->resolver, domain, &records, cancellable))
    {
    case LOOKUP_FOUND:
      records = g_list_sort (records, compare_mx);
      finding = check_mx_records (ctx, domain, records, cancellable);
      free_records (records);
      return finding;
    case LOOKUP_FAILED:
      return domain_finding (ctx, TODOKE_FINDING_STATUS_NOT_CHECKED, NULL, domain,
                             "probe-dns-failed", NULL);
    case LOOKUP_NONE:
    default:
      break;
    }
  address = lookup_address (ctx->resolver, domain, cancellable);
  if (address == LOOKUP_NONE && !_todoke_dns_works (ctx, cancellable))
    address = LOOKUP_FAILED;
  switch (address)
    {
    case LOOKUP_FOUND:
      return domain_finding (ctx, TODOKE_FINDING_STATUS_WARNING, NULL, domain,
                             "probe-dns-implicit-mx", NULL);
    case LOOKUP_NONE:
      return domain_finding (ctx, TODOKE_FINDING_STATUS_PROBLEM, "hostunknown", domain,
                             "probe-dns-no-domain", NULL);
    case LOOKUP_FAILED:
    default:
      return domain_finding (ctx, TODOKE_FINDING_STATUS_NOT_CHECKED, NULL, domain,
                             "probe-dns-failed", NULL);
    }
}

void
_todoke_check_recipient_dns (TodokeProbeContext *ctx,
                             GPtrArray          *findings,
                             GCancellable       *cancellable)
{
  g_autofree char *domain = _todoke_address_domain (ctx->recipient);
  g_autofree char *ascii = domain != NULL ? g_hostname_to_ascii (domain) : NULL;

  if (ascii == NULL)
    {
      g_ptr_array_add (findings, domain_finding (ctx, TODOKE_FINDING_STATUS_NOT_CHECKED, NULL,
                                                 ctx->recipient, "probe-dns-no-input", NULL));
      return;
    }
  g_ptr_array_add (findings, check_domain (ctx, ascii, cancellable));
}

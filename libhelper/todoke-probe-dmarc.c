/* todoke-probe-dmarc.c: the sender domain's DMARC record (RFC 7489)
 *
 * The record is the "v=DMARC1" TXT record at _dmarc.DOMAIN, or, when
 * there is none, at the organizational domain (§6.6.3). Without the
 * Public Suffix List the parent domain stands for it, which is right for
 * the usual "mail.example.jp" → "example.jp". The policy tag p= is
 * required; a record without a valid one is ignored by receivers.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-probe-private.h"

/* The value of tag @name in "v=DMARC1; p=reject; rua=…", or NULL. */
static char *
dmarc_tag (const char *record,
           const char *name)
{
  g_auto(GStrv) tags = g_strsplit (record, ";", -1);
  guint i;

  for (i = 0; tags[i] != NULL; i++)
    {
      char *tag = g_strstrip (tags[i]);
      char *equals = strchr (tag, '=');

      if (equals == NULL)
        continue;
      *equals = '\0';
      if (g_ascii_strcasecmp (g_strstrip (tag), name) == 0)
        return g_ascii_strdown (g_strstrip (equals + 1), -1);
    }

  return NULL;
}

static TodokeFinding *
dmarc_finding (TodokeProbeContext  *ctx,
               TodokeFindingStatus  status,
               const char          *domain,
               const char          *text)
{
  return _todoke_finding_new (ctx, TODOKE_CHECK_SENDER_DMARC, status,
                              status == TODOKE_FINDING_STATUS_OK ||
                              status == TODOKE_FINDING_STATUS_NOT_CHECKED ? NULL : "auth_dmarc",
                              domain, text, NULL, "domain", domain, NULL);
}

static TodokeFinding *
judge_record (TodokeProbeContext *ctx,
              const char         *domain,
              const char         *record)
{
  g_autofree char *policy = dmarc_tag (record, "p");

  if (g_strcmp0 (policy, "reject") == 0)
    return dmarc_finding (ctx, TODOKE_FINDING_STATUS_OK, domain, "probe-dmarc-reject");
  if (g_strcmp0 (policy, "quarantine") == 0)
    return dmarc_finding (ctx, TODOKE_FINDING_STATUS_OK, domain, "probe-dmarc-quarantine");
  if (g_strcmp0 (policy, "none") == 0)
    return dmarc_finding (ctx, TODOKE_FINDING_STATUS_OK, domain, "probe-dmarc-none-policy");

  return dmarc_finding (ctx, TODOKE_FINDING_STATUS_PROBLEM, domain, "probe-dmarc-invalid");
}

/* The DMARC records of @domain; NULL if the DNS failed. */
static GPtrArray *
lookup_dmarc (TodokeProbeContext *ctx,
              const char         *domain,
              GCancellable       *cancellable)
{
  g_autofree char *name = g_strconcat ("_dmarc.", domain, NULL);

  return _todoke_dns_txt (ctx, name, "v=DMARC1", cancellable, NULL);
}

void
_todoke_check_sender_dmarc (TodokeProbeContext *ctx,
                            GPtrArray          *findings,
                            GCancellable       *cancellable)
{
  g_autofree char *typed = _todoke_address_domain (ctx->sender);
  g_autofree char *domain = typed != NULL ? g_hostname_to_ascii (typed) : NULL;
  g_autoptr(GPtrArray) records = NULL;
  const char *parent;

  if (domain == NULL)
    {
      g_ptr_array_add (findings, _todoke_finding_new (ctx, TODOKE_CHECK_SENDER_DMARC,
                                                      TODOKE_FINDING_STATUS_NOT_CHECKED, NULL,
                                                      ctx->sender, "probe-dns-no-input", NULL,
                                                      "domain", ctx->sender, NULL));
      return;
    }
  records = lookup_dmarc (ctx, domain, cancellable);
  parent = strchr (domain, '.');
  if (records != NULL && records->len == 0 && parent != NULL && strchr (parent + 1, '.') != NULL)
    {
      g_clear_pointer (&records, g_ptr_array_unref);
      records = lookup_dmarc (ctx, parent + 1, cancellable);
    }
  if (records == NULL)
    g_ptr_array_add (findings, dmarc_finding (ctx, TODOKE_FINDING_STATUS_NOT_CHECKED, domain, "probe-dmarc-failed"));
  else if (records->len == 0)
    g_ptr_array_add (findings, _todoke_dns_works (ctx, cancellable)
                               ? dmarc_finding (ctx, TODOKE_FINDING_STATUS_WARNING, domain, "probe-dmarc-missing")
                               : dmarc_finding (ctx, TODOKE_FINDING_STATUS_NOT_CHECKED, domain, "probe-dmarc-failed"));
  else if (records->len > 1)
    g_ptr_array_add (findings, dmarc_finding (ctx, TODOKE_FINDING_STATUS_PROBLEM, domain, "probe-dmarc-many"));
  else
    g_ptr_array_add (findings, judge_record (ctx, domain, g_ptr_array_index (records, 0)));
}

/* todoke-dns-resolver-private.h: a GResolver that asks one DNS server
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TODOKE_TYPE_DNS_RESOLVER (todoke_dns_resolver_get_type ())

G_DECLARE_FINAL_TYPE (TodokeDnsResolver, todoke_dns_resolver, TODOKE, DNS_RESOLVER, GResolver)

TodokeDnsResolver *_todoke_dns_resolver_new (const char  *server,
                                             guint        timeout_ms,
                                             GError     **error);

G_END_DECLS

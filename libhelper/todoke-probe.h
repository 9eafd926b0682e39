/* todoke-probe.h: diagnostic checks of the recipient, the sender and the server
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(TODOKE_INSIDE) && !defined(TODOKE_COMPILATION)
# error "Only <todoke.h> can be included directly."
#endif

#include <gio/gio.h>

#include "todoke-types.h"

G_BEGIN_DECLS

/* Check ids, in the order findings are reported. */
#define TODOKE_CHECK_ADDRESS       "address"        /* syntax and typos of the addresses */
#define TODOKE_CHECK_RECIPIENT_DNS "recipient-dns"  /* MX, null MX, A/AAAA of the recipient domain */
#define TODOKE_CHECK_SENDER_SPF    "sender-spf"     /* SPF record, and whether it covers the server */
#define TODOKE_CHECK_SENDER_DMARC  "sender-dmarc"   /* DMARC record and policy */
#define TODOKE_CHECK_SERVER_PORTS  "server-ports"   /* 587, 465, 25: refused, timeout, OP25B */
#define TODOKE_CHECK_SERVER_TLS    "server-tls"     /* STARTTLS / implicit TLS, certificate */
#define TODOKE_CHECK_SERVER_AUTH   "server-auth"    /* AUTH mechanisms, optional real login */
#define TODOKE_CHECK_MTA_STS       "mta-sts"        /* the recipient domain's MTA-STS policy */

#define TODOKE_TYPE_PROBE_REQUEST (todoke_probe_request_get_type ())

TODOKE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TodokeProbeRequest, todoke_probe_request, TODOKE, PROBE_REQUEST, GObject)

TODOKE_AVAILABLE_IN_ALL
TodokeProbeRequest *todoke_probe_request_new           (void);
TODOKE_AVAILABLE_IN_ALL
void                todoke_probe_request_set_recipient (TodokeProbeRequest  *self,
                                                        const char          *address);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_probe_request_get_recipient (TodokeProbeRequest  *self);
TODOKE_AVAILABLE_IN_ALL
void                todoke_probe_request_set_sender    (TodokeProbeRequest  *self,
                                                        const char          *address);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_probe_request_get_sender    (TodokeProbeRequest  *self);
TODOKE_AVAILABLE_IN_ALL
void                todoke_probe_request_set_server    (TodokeProbeRequest  *self,
                                                        const char          *host,
                                                        guint16              port);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_probe_request_get_server    (TodokeProbeRequest  *self);
TODOKE_AVAILABLE_IN_ALL
guint16             todoke_probe_request_get_port      (TodokeProbeRequest  *self);
TODOKE_AVAILABLE_IN_ALL
void                todoke_probe_request_set_user      (TodokeProbeRequest  *self,
                                                        const char          *user);
TODOKE_AVAILABLE_IN_ALL
const char         *todoke_probe_request_get_user      (TodokeProbeRequest  *self);
TODOKE_AVAILABLE_IN_ALL
void                todoke_probe_request_set_try_login (TodokeProbeRequest  *self,
                                                        gboolean             try_login);
TODOKE_AVAILABLE_IN_ALL
gboolean            todoke_probe_request_get_try_login (TodokeProbeRequest  *self);
TODOKE_AVAILABLE_IN_ALL
void                todoke_probe_request_set_checks    (TodokeProbeRequest  *self,
                                                        const char * const  *checks);
TODOKE_AVAILABLE_IN_ALL
const char * const *todoke_probe_request_get_checks    (TodokeProbeRequest  *self);

#define TODOKE_TYPE_PROBE (todoke_probe_get_type ())

TODOKE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TodokeProbe, todoke_probe, TODOKE, PROBE, GObject)

TODOKE_AVAILABLE_IN_ALL
TodokeProbe        *todoke_probe_new                   (TodokeRuleSet       *rules);
TODOKE_AVAILABLE_IN_ALL
void                todoke_probe_set_timeout           (TodokeProbe         *self,
                                                        guint                timeout_ms);
TODOKE_AVAILABLE_IN_ALL
guint               todoke_probe_get_timeout           (TodokeProbe         *self);
TODOKE_AVAILABLE_IN_ALL
void                todoke_probe_set_resolver          (TodokeProbe         *self,
                                                        GResolver           *resolver);
TODOKE_AVAILABLE_IN_ALL
gboolean            todoke_probe_set_dns_server        (TodokeProbe         *self,
                                                        const char          *server,
                                                        GError             **error);
TODOKE_AVAILABLE_IN_ALL
void                todoke_probe_set_tls_database      (TodokeProbe         *self,
                                                        GTlsDatabase        *database);
TODOKE_AVAILABLE_IN_ALL
void                todoke_probe_set_mta_sts_port      (TodokeProbe         *self,
                                                        guint16              port);
TODOKE_AVAILABLE_IN_ALL
void                todoke_probe_set_submission_ports  (TodokeProbe         *self,
                                                        guint16              submission,
                                                        guint16              submissions,
                                                        guint16              smtp);

TODOKE_AVAILABLE_IN_ALL
void                todoke_probe_run_async             (TodokeProbe         *self,
                                                        TodokeProbeRequest  *request,
                                                        const char          *locale,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
TODOKE_AVAILABLE_IN_ALL
GPtrArray          *todoke_probe_run_finish            (TodokeProbe         *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

TODOKE_AVAILABLE_IN_ALL
const char * const *todoke_probe_get_check_ids          (void);
TODOKE_AVAILABLE_IN_ALL
const char * const *todoke_probe_get_checks_for_reason  (const char          *reason);

TODOKE_AVAILABLE_IN_ALL
gboolean            todoke_probe_store_password        (const char          *server,
                                                        const char          *user,
                                                        const char          *password,
                                                        GCancellable        *cancellable,
                                                        GError             **error);

G_END_DECLS

/* todoke-probe-private.h: what the checks of a probe share
 *
 * A run takes an immutable snapshot of the probe and the request (a
 * TodokeProbeContext), then runs every selected check in a worker thread
 * with blocking, cancellable GIO calls. Each check appends TodokeFinding
 * objects to an array; the run cancels a check when its timeout passes and
 * reports it as "not checked" instead of whatever it had found.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "todoke-finding.h"
#include "todoke-probe.h"
#include "todoke-rule-set.h"

G_BEGIN_DECLS

typedef enum
{
  TODOKE_PORT_SUBMISSION,     /* 587, STARTTLS */
  TODOKE_PORT_SUBMISSIONS,    /* 465, implicit TLS */
  TODOKE_PORT_SMTP,           /* 25 */
  TODOKE_N_PORTS,
} TodokePortRole;

typedef struct
{
  TodokeRuleSet   *rules;            /* owned */
  char            *locale;           /* nullable */
  GResolver       *resolver;         /* owned */
  GTlsDatabase    *tls_database;     /* owned, nullable: the system's */
  guint            timeout_ms;
  guint16          ports[TODOKE_N_PORTS];
  guint16          mta_sts_port;     /* 443 unless a test says otherwise */

  char            *recipient;        /* as typed, nullable */
  char            *sender;
  char            *server;           /* host name or address, nullable */
  guint16          server_port;      /* 0: try the three ports */
  char            *user;
  gboolean         try_login;
} TodokeProbeContext;

typedef void (*TodokeCheckFunc) (TodokeProbeContext *ctx,
                                 GPtrArray          *findings,
                                 GCancellable       *cancellable);

TodokeProbeContext *_todoke_probe_context_ref   (TodokeProbeContext *ctx);
void                _todoke_probe_context_unref (TodokeProbeContext *ctx);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TodokeProbeContext, _todoke_probe_context_unref)

/* Findings. @text_id names a <text> of the guides file ("probe-…"); every
 * "{key}" in it is replaced by the value given for key in the NULL-ended
 * key/value list. */
TodokeFinding *_todoke_finding_new           (TodokeProbeContext  *ctx,
                                              const char          *check,
                                              TodokeFindingStatus  status,
                                              const char          *reason,
                                              const char          *subject,
                                              const char          *summary_id,
                                              const char          *detail_id,
                                              ...) G_GNUC_NULL_TERMINATED;
void           _todoke_finding_set_suggestion (TodokeFinding      *self,
                                               const char         *suggestion);
char          *_todoke_probe_format_text      (TodokeProbeContext *ctx,
                                               const char         *text_id,
                                               va_list             args);

/* Address syntax and typos (todoke-probe-address.c). */
char          *_todoke_address_domain        (const char          *address);
char          *_todoke_domain_suggest        (TodokeRuleSet       *rules,
                                              const char          *domain);
void           _todoke_check_address         (TodokeProbeContext  *ctx,
                                              GPtrArray           *findings,
                                              GCancellable        *cancellable);

/* DNS (todoke-probe-dns.c). */
void           _todoke_check_recipient_dns   (TodokeProbeContext  *ctx,
                                              GPtrArray           *findings,
                                              GCancellable        *cancellable);
gboolean       _todoke_dns_works             (TodokeProbeContext  *ctx,
                                              GCancellable        *cancellable);

/* The sender domain (todoke-probe-spf.c, todoke-probe-dmarc.c). */
GPtrArray     *_todoke_dns_txt               (TodokeProbeContext  *ctx,
                                              const char          *name,
                                              const char          *prefix,
                                              GCancellable        *cancellable,
                                              GError             **error);
void           _todoke_check_sender_spf      (TodokeProbeContext  *ctx,
                                              GPtrArray           *findings,
                                              GCancellable        *cancellable);
void           _todoke_check_sender_dmarc    (TodokeProbeContext  *ctx,
                                              GPtrArray           *findings,
                                              GCancellable        *cancellable);

/* MTA-STS (todoke-probe-mtasts.c). */
void           _todoke_check_mta_sts         (TodokeProbeContext  *ctx,
                                              GPtrArray           *findings,
                                              GCancellable        *cancellable);

/* The submission server's checks (todoke-probe-ports.c, -tls.c, -auth.c). */
void           _todoke_check_server_ports    (TodokeProbeContext  *ctx,
                                              GPtrArray           *findings,
                                              GCancellable        *cancellable);
void           _todoke_check_server_tls      (TodokeProbeContext  *ctx,
                                              GPtrArray           *findings,
                                              GCancellable        *cancellable);
void           _todoke_check_server_auth     (TodokeProbeContext  *ctx,
                                              GPtrArray           *findings,
                                              GCancellable        *cancellable);
/* A deadline for one network step (todoke-probe-step.c). */
typedef struct _TodokeStep TodokeStep;

TodokeStep    *_todoke_step_new              (GCancellable        *parent,
                                              guint                timeout_ms);
GCancellable  *_todoke_step_get_cancellable  (TodokeStep          *step);
void           _todoke_step_check            (TodokeStep          *step,
                                              GError             **error);
void           _todoke_step_free             (TodokeStep          *step);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TodokeStep, _todoke_step_free)

/* SMTP sessions (todoke-probe-smtp.c). */
typedef struct _TodokeSmtpSession TodokeSmtpSession;

TodokeSmtpSession   *_todoke_smtp_connect               (TodokeProbeContext  *ctx,
                                                         const char          *host,
                                                         guint16              port,
                                                         guint                timeout_ms,
                                                         GCancellable        *cancellable,
                                                         GError             **error);
void                 _todoke_smtp_session_free          (TodokeSmtpSession   *session);
gboolean             _todoke_smtp_read_reply            (TodokeSmtpSession   *session,
                                                         GCancellable        *cancellable,
                                                         GError             **error);
gboolean             _todoke_smtp_command               (TodokeSmtpSession   *session,
                                                         const char          *command,
                                                         GCancellable        *cancellable,
                                                         GError             **error);
gboolean             _todoke_smtp_start_tls             (TodokeSmtpSession   *session,
                                                         GCancellable        *cancellable,
                                                         GError             **error);
guint                _todoke_smtp_get_code              (TodokeSmtpSession   *session);
const char          *_todoke_smtp_get_reply             (TodokeSmtpSession   *session);
gboolean             _todoke_smtp_is_tls                (TodokeSmtpSession   *session);
GTlsCertificateFlags _todoke_smtp_get_certificate_errors (TodokeSmtpSession  *session);
GTlsCertificate     *_todoke_smtp_get_certificate       (TodokeSmtpSession   *session);
const char          *_todoke_smtp_get_tls_version       (TodokeSmtpSession   *session);
char                *_todoke_smtp_ehlo_find             (const char          *reply,
                                                         const char          *keyword);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TodokeSmtpSession, _todoke_smtp_session_free)

/* One SMTP session of server-tls and server-auth (todoke-probe-session.c). */
typedef struct
{
  TodokeSmtpSession *session;
  guint16            port;
  gboolean           offers_starttls;
  gboolean           tls_failed;     /* STARTTLS refused or handshake failed */
  char              *ehlo;           /* the last EHLO reply */
} ServerSession;

guint          _todoke_server_step_ms        (TodokeProbeContext  *ctx,
                                              guint                share_percent);
char          *_todoke_server_subject        (TodokeProbeContext  *ctx,
                                              guint16              port);
void           _todoke_server_session_clear  (ServerSession       *server);
gboolean       _todoke_server_open           (TodokeProbeContext  *ctx,
                                              ServerSession       *server,
                                              GCancellable        *cancellable);
TodokeFinding *_todoke_server_finding        (TodokeProbeContext  *ctx,
                                              const char          *check,
                                              ServerSession       *server,
                                              TodokeFindingStatus  status,
                                              const char          *reason,
                                              const char          *text,
                                              ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ServerSession, _todoke_server_session_clear)

/* The Secret Service (todoke-probe-secret.c). */
char          *_todoke_probe_lookup_password (const char          *server,
                                              const char          *user,
                                              GCancellable        *cancellable,
                                              GError             **error);
void           _todoke_probe_free_password   (char                *password);

G_END_DECLS

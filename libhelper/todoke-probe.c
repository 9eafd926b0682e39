/* todoke-probe.c: runs the diagnostic checks, each with its own timeout
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-dns-resolver-private.h"
#include "todoke-error.h"
#include "todoke-probe-private.h"

#define DEFAULT_TIMEOUT_MS 10000

typedef enum
{
  NEEDS_RECIPIENT = 1 << 0,
  NEEDS_SENDER    = 1 << 1,
  NEEDS_SERVER    = 1 << 2,
  NEEDS_ADDRESS   = 1 << 3,   /* a recipient or a sender */
} CheckNeeds;

typedef struct
{
  const char      *id;
  TodokeCheckFunc  func;
  CheckNeeds       needs;
} CheckDef;

/* In the order findings are reported. */
static const CheckDef check_defs[] = {
  { TODOKE_CHECK_ADDRESS, _todoke_check_address, NEEDS_ADDRESS },
  { TODOKE_CHECK_RECIPIENT_DNS, _todoke_check_recipient_dns, NEEDS_RECIPIENT },
  { TODOKE_CHECK_SENDER_SPF, _todoke_check_sender_spf, NEEDS_SENDER },
  { TODOKE_CHECK_SENDER_DMARC, _todoke_check_sender_dmarc, NEEDS_SENDER },
  { TODOKE_CHECK_SERVER_PORTS, _todoke_check_server_ports, NEEDS_SERVER },
  { TODOKE_CHECK_SERVER_TLS, _todoke_check_server_tls, NEEDS_SERVER },
  { TODOKE_CHECK_SERVER_AUTH, _todoke_check_server_auth, NEEDS_SERVER },
  { TODOKE_CHECK_MTA_STS, _todoke_check_mta_sts, NEEDS_RECIPIENT },
};

/* Which checks can confirm a failure the classifier explains. */
static const struct
{
  const char *reason;
  const char *checks[4];
} reason_checks[] = {
  { "send_invalid_address", { TODOKE_CHECK_ADDRESS, NULL } },
  { "hostunknown", { TODOKE_CHECK_ADDRESS, TODOKE_CHECK_RECIPIENT_DNS, NULL } },
  { "userunknown", { TODOKE_CHECK_ADDRESS, TODOKE_CHECK_RECIPIENT_DNS, NULL } },
  { "notaccept", { TODOKE_CHECK_RECIPIENT_DNS, NULL } },
  { "send_dns_failure", { TODOKE_CHECK_SERVER_PORTS, NULL } },
  { "send_connection_refused", { TODOKE_CHECK_SERVER_PORTS, NULL } },
  { "send_port_blocked", { TODOKE_CHECK_SERVER_PORTS, NULL } },
  { "send_timeout", { TODOKE_CHECK_SERVER_PORTS, NULL } },
  { "send_tls_certificate", { TODOKE_CHECK_SERVER_TLS, NULL } },
  { "send_tls_mode_mismatch", { TODOKE_CHECK_SERVER_PORTS, TODOKE_CHECK_SERVER_TLS, NULL } },
  { "send_starttls_required", { TODOKE_CHECK_SERVER_TLS, TODOKE_CHECK_SERVER_AUTH, NULL } },
  { "send_auth_required", { TODOKE_CHECK_SERVER_AUTH, NULL } },
  { "send_auth_failed", { TODOKE_CHECK_SERVER_AUTH, NULL } },
  { "send_auth_mechanism", { TODOKE_CHECK_SERVER_AUTH, NULL } },
  { "send_auth_app_password_or_oauth", { TODOKE_CHECK_SERVER_AUTH, NULL } },
  { "send_relay_denied", { TODOKE_CHECK_SERVER_AUTH, NULL } },
  { "auth_spf", { TODOKE_CHECK_SENDER_SPF, NULL } },
  { "auth_dmarc", { TODOKE_CHECK_SENDER_DMARC, TODOKE_CHECK_SENDER_SPF, NULL } },
  { "auth_alignment", { TODOKE_CHECK_SENDER_DMARC, TODOKE_CHECK_SENDER_SPF, NULL } },
  { "failedstarttls", { TODOKE_CHECK_MTA_STS, TODOKE_CHECK_RECIPIENT_DNS, NULL } },
  { "authfailure", { TODOKE_CHECK_SENDER_SPF, TODOKE_CHECK_SENDER_DMARC, NULL } },
};

struct _TodokeProbe
{
  GObject        parent_instance;

  TodokeRuleSet *rules;          /* owned */
  GResolver     *resolver;       /* owned, nullable: the default one */
  GTlsDatabase  *tls_database;   /* owned, nullable: the system's */
  guint          timeout_ms;
  guint16        ports[TODOKE_N_PORTS];
  guint16        mta_sts_port;
};

G_DEFINE_FINAL_TYPE (TodokeProbe, todoke_probe, G_TYPE_OBJECT)

static void
todoke_probe_dispose (GObject *object)
{
  TodokeProbe *self = (TodokeProbe *) object;

  g_clear_object (&self->resolver);
  g_clear_object (&self->tls_database);

  G_OBJECT_CLASS (todoke_probe_parent_class)->dispose (object);
}

static void
todoke_probe_finalize (GObject *object)
{
  TodokeProbe *self = (TodokeProbe *) object;

  g_clear_pointer (&self->rules, todoke_rule_set_unref);

  G_OBJECT_CLASS (todoke_probe_parent_class)->finalize (object);
}

static void
todoke_probe_class_init (TodokeProbeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = todoke_probe_dispose;
  object_class->finalize = todoke_probe_finalize;
}

static void
todoke_probe_init (TodokeProbe *self)
{
  self->timeout_ms = DEFAULT_TIMEOUT_MS;
  self->ports[TODOKE_PORT_SUBMISSION] = 587;
  self->ports[TODOKE_PORT_SUBMISSIONS] = 465;
  self->ports[TODOKE_PORT_SMTP] = 25;
  self->mta_sts_port = 443;
}

/**
 * todoke_probe_new:
 * @rules: the rules and guides that findings are explained with
 *
 * Creates a probe with the default timeout (10 s per check), the
 * default resolver and the system's trusted certificates.
 *
 * Returns: (transfer full): a new probe
 */
TodokeProbe *
todoke_probe_new (TodokeRuleSet *rules)
{
  TodokeProbe *self;

  g_return_val_if_fail (rules != NULL, NULL);

  self = g_object_new (TODOKE_TYPE_PROBE, NULL);
  self->rules = todoke_rule_set_ref (rules);

  return self;
}

/**
 * todoke_probe_set_timeout:
 * @self: a probe
 * @timeout_ms: the longest time one check may take, in milliseconds
 *
 * A check that has not finished in time is cancelled and reported as
 * %TODOKE_FINDING_STATUS_NOT_CHECKED. 0 restores the default (10 s).
 */
void
todoke_probe_set_timeout (TodokeProbe *self,
                          guint        timeout_ms)
{
  g_return_if_fail (TODOKE_IS_PROBE (self));
  self->timeout_ms = timeout_ms > 0 ? timeout_ms : DEFAULT_TIMEOUT_MS;
}

/**
 * todoke_probe_get_timeout:
 * @self: a probe
 *
 * Returns: the time limit of one check, in milliseconds
 */
guint
todoke_probe_get_timeout (TodokeProbe *self)
{
  g_return_val_if_fail (TODOKE_IS_PROBE (self), 0);
  return self->timeout_ms;
}

/**
 * todoke_probe_set_resolver:
 * @self: a probe
 * @resolver: (nullable): the resolver for every DNS lookup, or %NULL for
 *   g_resolver_get_default()
 *
 * Lets a test (or a program with its own DNS server) choose the resolver.
 */
void
todoke_probe_set_resolver (TodokeProbe *self,
                           GResolver   *resolver)
{
  g_return_if_fail (TODOKE_IS_PROBE (self));
  g_return_if_fail (resolver == NULL || G_IS_RESOLVER (resolver));
  g_set_object (&self->resolver, resolver);
}

/**
 * todoke_probe_set_dns_server:
 * @self: a probe
 * @server: an IP address with an optional port: `192.0.2.53`,
 *   `127.0.0.1:5353`, `[2001:db8::53]:53`
 * @error: return location for an error
 *
 * Sends every DNS query of the checks straight to this server (UDP, and
 * TCP for long answers) instead of through the system's resolver, like
 * `dig @server` does.
 *
 * Returns: %TRUE if @server is a valid address
 */
gboolean
todoke_probe_set_dns_server (TodokeProbe  *self,
                             const char   *server,
                             GError      **error)
{
  g_autoptr(TodokeDnsResolver) resolver = NULL;

  g_return_val_if_fail (TODOKE_IS_PROBE (self), FALSE);
  g_return_val_if_fail (server != NULL, FALSE);

  resolver = _todoke_dns_resolver_new (server, self->timeout_ms, error);
  if (resolver == NULL)
    return FALSE;
  g_set_object (&self->resolver, G_RESOLVER (resolver));

  return TRUE;
}

/**
 * todoke_probe_set_tls_database:
 * @self: a probe
 * @database: (nullable): the trusted certificates, or %NULL for the system's
 *
 * The certificates the server and MTA-STS checks trust; tests use a
 * database with their own authority.
 */
void
todoke_probe_set_tls_database (TodokeProbe  *self,
                               GTlsDatabase *database)
{
  g_return_if_fail (TODOKE_IS_PROBE (self));
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));
  g_set_object (&self->tls_database, database);
}

/**
 * todoke_probe_set_mta_sts_port:
 * @self: a probe
 * @port: the HTTPS port of `mta-sts.DOMAIN`, 0 for 443
 *
 * For tests: RFC 8461 policies are always served on 443.
 */
void
todoke_probe_set_mta_sts_port (TodokeProbe *self,
                               guint16      port)
{
  g_return_if_fail (TODOKE_IS_PROBE (self));
  self->mta_sts_port = port > 0 ? port : 443;
}

/**
 * todoke_probe_set_submission_ports:
 * @self: a probe
 * @submission: the port tried for submission with STARTTLS (587)
 * @submissions: the port tried for submission with implicit TLS (465)
 * @smtp: the port tried for plain SMTP (25)
 *
 * For tests, whose servers listen on free ports; 0 keeps a default.
 */
void
todoke_probe_set_submission_ports (TodokeProbe *self,
                                   guint16      submission,
                                   guint16      submissions,
                                   guint16      smtp)
{
  g_return_if_fail (TODOKE_IS_PROBE (self));
  self->ports[TODOKE_PORT_SUBMISSION] = submission > 0 ? submission : 587;
  self->ports[TODOKE_PORT_SUBMISSIONS] = submissions > 0 ? submissions : 465;
  self->ports[TODOKE_PORT_SMTP] = smtp > 0 ? smtp : 25;
}

TodokeProbeContext *
_todoke_probe_context_ref (TodokeProbeContext *ctx)
{
  return g_atomic_rc_box_acquire (ctx);
}

static void
context_clear (TodokeProbeContext *ctx)
{
  g_clear_pointer (&ctx->rules, todoke_rule_set_unref);
  g_clear_object (&ctx->resolver);
  g_clear_object (&ctx->tls_database);
  g_free (ctx->locale);
  g_free (ctx->recipient);
  g_free (ctx->sender);
  g_free (ctx->server);
  g_free (ctx->user);
}

void
_todoke_probe_context_unref (TodokeProbeContext *ctx)
{
  g_atomic_rc_box_release_full (ctx, (GDestroyNotify) context_clear);
}

/* Inputs come from users: invalid UTF-8 becomes U+FFFD, which the
 * address check reports, and never reaches JSON or a log. */
static char *
valid_copy (const char *text)
{
  return text != NULL ? g_utf8_make_valid (text, -1) : NULL;
}

static TodokeProbeContext *
context_new (TodokeProbe        *self,
             TodokeProbeRequest *request,
             const char         *locale)
{
  TodokeProbeContext *ctx = g_atomic_rc_box_new0 (TodokeProbeContext);

  ctx->rules = todoke_rule_set_ref (self->rules);
  ctx->locale = g_strdup (locale);
  ctx->resolver = self->resolver != NULL ? g_object_ref (self->resolver) : g_resolver_get_default ();
  ctx->tls_database = self->tls_database != NULL ? g_object_ref (self->tls_database) : NULL;
  ctx->timeout_ms = self->timeout_ms;
  memcpy (ctx->ports, self->ports, sizeof ctx->ports);
  ctx->mta_sts_port = self->mta_sts_port;
  ctx->recipient = valid_copy (todoke_probe_request_get_recipient (request));
  ctx->sender = valid_copy (todoke_probe_request_get_sender (request));
  ctx->server = valid_copy (todoke_probe_request_get_server (request));
  ctx->server_port = todoke_probe_request_get_port (request);
  ctx->user = valid_copy (todoke_probe_request_get_user (request));
  ctx->try_login = todoke_probe_request_get_try_login (request);

  return ctx;
}

static gboolean
has_text (const char *value)
{
  return value != NULL && *value != '\0';
}

static gboolean
context_has_inputs (TodokeProbeContext *ctx,
                    CheckNeeds          needs)
{
  if ((needs & NEEDS_RECIPIENT) && !has_text (ctx->recipient))
    return FALSE;
  if ((needs & NEEDS_SENDER) && !has_text (ctx->sender))
    return FALSE;
  if ((needs & NEEDS_SERVER) && !has_text (ctx->server))
    return FALSE;
  if ((needs & NEEDS_ADDRESS) && !has_text (ctx->recipient) && !has_text (ctx->sender))
    return FALSE;

  return TRUE;
}

/* One run: a slot of findings per selected check, filled as checks end. */
typedef struct
{
  TodokeProbeContext *ctx;
  GPtrArray          *slots;     /* (element-type GPtrArray) */
  guint               pending;
} RunData;

typedef struct
{
  GTask          *run;          /* owned */
  const CheckDef *def;
  guint           slot;
  GCancellable   *cancellable;  /* owned: cancelled by the timeout or the run */
  gulong          run_handler;
  GSource        *timeout;      /* owned */
  gboolean        timed_out;
} CheckRun;

static void
run_data_free (RunData *data)
{
  g_clear_pointer (&data->ctx, _todoke_probe_context_unref);
  g_ptr_array_unref (data->slots);
  g_free (data);
}

static void
check_run_free (CheckRun *check)
{
  GCancellable *run_cancellable = g_task_get_cancellable (check->run);

  if (check->run_handler != 0)
    g_cancellable_disconnect (run_cancellable, check->run_handler);
  g_source_destroy (check->timeout);
  g_source_unref (check->timeout);
  g_object_unref (check->cancellable);
  g_object_unref (check->run);
  g_free (check);
}

static GPtrArray *
findings_new (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

static GPtrArray *
not_checked (TodokeProbeContext *ctx,
             const char         *check,
             const char         *text_id)
{
  GPtrArray *findings = findings_new ();
  g_autofree char *seconds = g_strdup_printf ("%u", (ctx->timeout_ms + 999) / 1000);

  g_ptr_array_add (findings, _todoke_finding_new (ctx, check, TODOKE_FINDING_STATUS_NOT_CHECKED,
                                                  NULL, NULL, text_id, NULL,
                                                  "seconds", seconds, NULL));
  return findings;
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckRun *check = task_data;
  RunData *data = g_task_get_task_data (check->run);
  g_autoptr(GPtrArray) findings = findings_new ();

  check->def->func (data->ctx, findings, cancellable);
  g_task_return_pointer (task, g_steal_pointer (&findings), (GDestroyNotify) g_ptr_array_unref);
}

static void
finish_run (GTask *run)
{
  RunData *data = g_task_get_task_data (run);
  GPtrArray *all = findings_new ();
  guint i, j;

  for (i = 0; i < data->slots->len; i++)
    {
      GPtrArray *slot = g_ptr_array_index (data->slots, i);

      for (j = 0; j < slot->len; j++)
        g_ptr_array_add (all, g_object_ref (g_ptr_array_index (slot, j)));
    }
  g_task_return_pointer (run, all, (GDestroyNotify) g_ptr_array_unref);
}

static void
check_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CheckRun *check = user_data;
  GTask *run = check->run;
  RunData *data = g_task_get_task_data (run);
  GPtrArray *findings = g_task_propagate_pointer (G_TASK (result), NULL);

  if (check->timed_out)
    {
      g_clear_pointer (&findings, g_ptr_array_unref);
      findings = not_checked (data->ctx, check->def->id, "probe-timeout");
    }
  else if (findings == NULL)
    findings = not_checked (data->ctx, check->def->id, "probe-cancelled");
  g_ptr_array_index (data->slots, check->slot) = findings;

  g_object_ref (run);
  check_run_free (check);
  if (--data->pending == 0)
    {
      if (!g_task_return_error_if_cancelled (run))
        finish_run (run);
    }
  g_object_unref (run);
}

static gboolean
check_timed_out (gpointer user_data)
{
  CheckRun *check = user_data;

  check->timed_out = TRUE;
  g_cancellable_cancel (check->cancellable);

  return G_SOURCE_REMOVE;
}

static void
run_cancelled (GCancellable *run_cancellable,
               gpointer      user_data)
{
  CheckRun *check = user_data;

  g_cancellable_cancel (check->cancellable);
}

static void
start_check (GTask          *run,
             const CheckDef *def,
             guint           slot)
{
  RunData *data = g_task_get_task_data (run);
  GCancellable *run_cancellable = g_task_get_cancellable (run);
  CheckRun *check = g_new0 (CheckRun, 1);
  g_autoptr(GTask) task = NULL;

  check->run = g_object_ref (run);
  check->def = def;
  check->slot = slot;
  check->cancellable = g_cancellable_new ();
  if (run_cancellable != NULL)
    check->run_handler = g_cancellable_connect (run_cancellable, G_CALLBACK (run_cancelled),
                                                check, NULL);
  check->timeout = g_timeout_source_new (data->ctx->timeout_ms);
  g_source_set_callback (check->timeout, check_timed_out, check, NULL);
  g_source_attach (check->timeout, g_main_context_get_thread_default ());
  data->pending++;

  task = g_task_new (NULL, check->cancellable, check_done, check);
  g_task_set_source_tag (task, start_check);
  g_task_set_task_data (task, check, NULL);
  g_task_run_in_thread (task, check_thread);
}

static gboolean
is_selected (const char * const *checks,
             const char         *id)
{
  return checks == NULL || g_strv_contains (checks, id);
}

static gboolean
validate_checks (const char * const  *checks,
                 GError             **error)
{
  const char * const *known = todoke_probe_get_check_ids ();

  for (; checks != NULL && *checks != NULL; checks++)
    if (!g_strv_contains (known, *checks))
      {
        g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT,
                     "unknown check “%s”", *checks);
        return FALSE;
      }

  return TRUE;
}

/**
 * todoke_probe_run_async:
 * @self: a probe
 * @request: what to check
 * @locale: (nullable): the language of the findings ("ja", "en-US"); %NULL
 *   for the process's languages
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every check has finished or timed out
 * @user_data: data for @callback
 *
 * Runs the request's checks (all those its inputs allow when it selects
 * none) at the same time, each limited by the probe's timeout. A check
 * that cannot run — offline, timed out, an input missing — reports
 * %TODOKE_FINDING_STATUS_NOT_CHECKED rather than a wrong finding.
 */
void
todoke_probe_run_async (TodokeProbe         *self,
                        TodokeProbeRequest  *request,
                        const char          *locale,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) run = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *checks;
  RunData *data;
  guint i;

  g_return_if_fail (TODOKE_IS_PROBE (self));
  g_return_if_fail (TODOKE_IS_PROBE_REQUEST (request));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (run, todoke_probe_run_async);
  checks = todoke_probe_request_get_checks (request);
  if (!validate_checks (checks, &error))
    {
      g_task_return_error (run, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (RunData, 1);
  data->ctx = context_new (self, request, locale);
  data->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_task_set_task_data (run, data, (GDestroyNotify) run_data_free);

  for (i = 0; i < G_N_ELEMENTS (check_defs); i++)
    {
      const CheckDef *def = &check_defs[i];

      if (!is_selected (checks, def->id))
        continue;
      if (!context_has_inputs (data->ctx, def->needs))
        {
          if (checks != NULL)
            g_ptr_array_add (data->slots, not_checked (data->ctx, def->id, "probe-missing-input"));
          continue;
        }
      g_ptr_array_add (data->slots, NULL);
      start_check (run, def, data->slots->len - 1);
    }

  if (data->slots->len == 0)
    g_task_return_new_error (run, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT,
                             "nothing to check: give a recipient, a sender or a server");
  else if (data->pending == 0)
    finish_run (run);
}

/**
 * todoke_probe_run_finish:
 * @self: a probe
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Gets the findings of a run, grouped by check in the order of the
 * `TODOKE_CHECK_*` ids. Fails only when the request has nothing to check,
 * names an unknown check, or the run was cancelled.
 *
 * Returns: (transfer container) (element-type TodokeFinding): the findings,
 *   or %NULL with @error set
 */
GPtrArray *
todoke_probe_run_finish (TodokeProbe   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (TODOKE_IS_PROBE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == todoke_probe_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * todoke_probe_get_check_ids:
 *
 * Every check a probe can run, in the order findings are reported.
 *
 * Returns: (array zero-terminated=1) (transfer none): the check ids
 */
const char * const *
todoke_probe_get_check_ids (void)
{
  static const char *ids[G_N_ELEMENTS (check_defs) + 1];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (check_defs); i++)
        ids[i] = check_defs[i].id;
      g_once_init_leave (&done, 1);
    }

  return ids;
}

/**
 * todoke_probe_get_checks_for_reason:
 * @reason: a reason id, such as `send_port_blocked`
 *
 * The checks that can confirm or rule out a failure of this reason, so
 * that a program offers exactly those next to the diagnosis.
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): check ids,
 *   or %NULL when no check can help
 */
const char * const *
todoke_probe_get_checks_for_reason (const char *reason)
{
  guint i;

  g_return_val_if_fail (reason != NULL, NULL);

  for (i = 0; i < G_N_ELEMENTS (reason_checks); i++)
    if (strcmp (reason_checks[i].reason, reason) == 0)
      return reason_checks[i].checks;

  return NULL;
}

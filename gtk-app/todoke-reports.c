/* todoke-reports.c: the io.github.todoke.Todoke.Reports service
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Report checks its argument, classifies it with libtodoke, stores it in
 * the history (committed before the answer) and then tells everyone: the
 * Reported D-Bus signal, and the "reported" GObject signal the notifier
 * and the tray listen to.
 *
 * Reports are handled one after the other, and each takes as long as the
 * disk needs to commit it. So that "ten failures at once" stays one burst
 * however slow that is, a filter on the connection notes when each Report
 * call arrived, and the signal carries that time.
 */

#include "config.h"

#include <string.h>

#include "todoke-dbus-reports.h"
#include "todoke-reports.h"

struct _TodokeReports
{
  GObject              parent_instance;

  TodokeRuleSet       *rules;        /* owned */
  TodokeHistoryStore  *store;        /* owned */
  GHashTable          *classifiers;  /* owned: client → TodokeClassifier */
  TodokeDBusReports   *skeleton;     /* owned */
  GDBusConnection     *connection;   /* owned while exported */
  guint                filter_id;
  char                *language;     /* owned: the app's language */
};

G_DEFINE_FINAL_TYPE (TodokeReports, todoke_reports, G_TYPE_OBJECT)

enum {
  REPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static GQuark received_quark;

static void
todoke_reports_dispose (GObject *object)
{
  TodokeReports *self = TODOKE_REPORTS (object);

  todoke_reports_unexport (self);
  g_clear_object (&self->skeleton);
  g_clear_object (&self->store);
  g_clear_pointer (&self->classifiers, g_hash_table_unref);
  g_clear_pointer (&self->rules, todoke_rule_set_unref);

  G_OBJECT_CLASS (todoke_reports_parent_class)->dispose (object);
}

static void
todoke_reports_finalize (GObject *object)
{
  g_free (TODOKE_REPORTS (object)->language);

  G_OBJECT_CLASS (todoke_reports_parent_class)->finalize (object);
}

static void
todoke_reports_class_init (TodokeReportsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = todoke_reports_dispose;
  object_class->finalize = todoke_reports_finalize;

  /**
   * TodokeReports::reported:
   * @report_id: the history id
   * @diagnoses: (element-type TodokeDiagnosis): one per failed recipient
   * @source: who reported
   * @bounce: whether a bounce (not a failed send) was reported
   * @received: when the report arrived (g_get_monotonic_time())
   *
   * A report was stored.
   */
  signals[REPORTED] = g_signal_new ("reported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 5,
                                    G_TYPE_INT64, G_TYPE_PTR_ARRAY, G_TYPE_STRING,
                                    G_TYPE_BOOLEAN, G_TYPE_INT64);
  received_quark = g_quark_from_static_string ("todoke-reports-received");
}

static void
todoke_reports_init (TodokeReports *self)
{
  self->classifiers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->language = g_strdup ("en");
}

static TodokeClassifier *
get_classifier (TodokeReports *self,
                const char    *client)
{
  TodokeClassifier *classifier;

  if (client == NULL)
    client = "";
  classifier = g_hash_table_lookup (self->classifiers, client);
  if (classifier == NULL)
    {
      classifier = todoke_classifier_new (self->rules, *client ? client : NULL);
      g_hash_table_insert (self->classifiers, g_strdup (client), classifier);
    }

  return classifier;
}

/**
 * todoke_reports_classify:
 * @self: the service
 * @report: a report as stored
 * @language: the language of the guides
 * @error: return location for an error
 *
 * Classifies a report: a reply text once per recipient it names (once when
 * it names none), a bounce with libtodoke's bounce reader.
 *
 * Returns: (transfer full) (element-type TodokeDiagnosis): the diagnoses,
 *   at least one, or %NULL with @error set
 */
GPtrArray *
todoke_reports_classify (TodokeReports        *self,
                         TodokeHistoryReport  *report,
                         const char           *language,
                         GError              **error)
{
  TodokeClassifier *classifier = get_classifier (self, report->client);
  g_autoptr(GPtrArray) diagnoses = NULL;
  guint i;

  if (report->message != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      diagnoses = todoke_classifier_classify_bounce (classifier, report->message, language, &local_error);
      if (diagnoses == NULL)
        {
          /* What libtodoke cannot read is the caller's bad argument. */
          g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                       "“message”: %s", local_error->message);
          return NULL;
        }
      if (diagnoses->len == 0)
        {
          g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                       "“message”: not a delivery failure report");
          return NULL;
        }
      return g_steal_pointer (&diagnoses);
    }

  /* The server is the user's own submission server: libtodoke names its
   * provider from it. */
  diagnoses = g_ptr_array_new_with_free_func (g_object_unref);
  for (i = 0; report->recipients && report->recipients[i]; i++)
    g_ptr_array_add (diagnoses,
                     todoke_classifier_classify_reply_from_server (classifier, report->text,
                                                                   report->recipients[i],
                                                                   report->server, language));
  if (diagnoses->len == 0)
    g_ptr_array_add (diagnoses,
                     todoke_classifier_classify_reply_from_server (classifier, report->text, NULL,
                                                                   report->server, language));

  return g_steal_pointer (&diagnoses);
}

/**
 * todoke_reports_report:
 * @self: the service
 * @failure: a checked report
 * @origin: (nullable): where it was found (a Maildir file): a report of an
 *   origin already stored is refused
 * @diagnoses: (out) (optional) (transfer full): what libtodoke made of it
 * @error: return location for an error
 *
 * Classifies and stores one report.
 *
 * Returns: the history id, or 0 with @error set
 */
gint64
todoke_reports_report (TodokeReports  *self,
                       TodokeFailure  *failure,
                       const char     *origin,
                       GPtrArray     **diagnoses,
                       GError        **error)
{
  g_auto(TodokeHistoryReport) report = { 0 };
  g_autoptr(GPtrArray) found = NULL;
  const char *language;
  gint64 id;

  report.time = g_get_real_time () / G_USEC_PER_SEC;
  report.source = g_strdup (failure->source);
  report.server = g_strdup (failure->server);
  report.client = g_strdup (failure->client);
  report.locale = g_strdup (failure->locale);
  report.text = g_strdup (failure->text);
  report.message = failure->message ? g_bytes_ref (failure->message) : NULL;
  report.recipients = g_strdupv (failure->recipients);
  report.origin = g_strdup (origin);

  language = failure->locale && *failure->locale ? failure->locale : self->language;
  found = todoke_reports_classify (self, &report, language, error);
  if (found == NULL)
    return 0;
  id = todoke_history_store_add (self->store, &report, found, error);
  if (id == 0)
    return 0;

  if (diagnoses != NULL)
    *diagnoses = g_ptr_array_ref (found);

  return id;
}

/* Runs in GDBus's worker thread, before the call waits its turn in the
 * main loop: it only stamps the message, which no other thread sees yet. */
static GDBusMessage *
stamp_arrival (GDBusConnection *connection,
               GDBusMessage    *message,
               gboolean         incoming,
               gpointer         user_data)
{
  gint64 *received;

  if (!incoming ||
      g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL ||
      g_strcmp0 (g_dbus_message_get_member (message), "Report") != 0 ||
      g_strcmp0 (g_dbus_message_get_interface (message), "io.github.todoke.Todoke.Reports") != 0)
    return message;

  received = g_new (gint64, 1);
  *received = g_get_monotonic_time ();
  g_object_set_qdata_full (G_OBJECT (message), received_quark, received, g_free);

  return message;
}

static gint64
arrival_time (GDBusMethodInvocation *invocation)
{
  GDBusMessage *message = g_dbus_method_invocation_get_message (invocation);
  gint64 *received = g_object_get_qdata (G_OBJECT (message), received_quark);

  return received != NULL ? *received : g_get_monotonic_time ();
}

/* Tells everyone: the Reported D-Bus signal and the "reported" signal. */
static void
announce (TodokeReports *self,
          gint64         id,
          GPtrArray     *diagnoses,
          TodokeFailure *failure,
          gint64         received)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *reason = todoke_diagnosis_get_reason (g_ptr_array_index (diagnoses, 0));

  todoke_dbus_reports_emit_reported (self->skeleton, id_text, reason);
  g_signal_emit (self, signals[REPORTED], 0, id, diagnoses, failure->source,
                 failure->message != NULL, received);
}

/**
 * todoke_reports_submit:
 * @self: the service
 * @failure: a report found by the app itself
 * @origin: (nullable): where it was found: never stored twice
 * @error: return location for an error; %G_DBUS_ERROR_INVALID_ARGS when it
 *   is no delivery failure
 *
 * Handles a report exactly as if it had come over D-Bus: classifies,
 * stores and announces it.
 *
 * Returns: the history id, or 0 with @error set
 */
gint64
todoke_reports_submit (TodokeReports  *self,
                       TodokeFailure  *failure,
                       const char     *origin,
                       GError        **error)
{
  g_autoptr(GPtrArray) diagnoses = NULL;
  gint64 id = todoke_reports_report (self, failure, origin, &diagnoses, error);

  if (id != 0)
    announce (self, id, diagnoses, failure, g_get_monotonic_time ());

  return id;
}

static gboolean
handle_report (TodokeDBusReports     *skeleton,
               GDBusMethodInvocation *invocation,
               GVariant              *arg,
               TodokeReports         *self)
{
  g_auto(TodokeFailure) failure = { 0 };
  g_autoptr(GPtrArray) diagnoses = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id_text = NULL;
  gint64 received = arrival_time (invocation);
  gint64 id;

  if (!todoke_failure_parse (arg, &failure, &error) ||
      (id = todoke_reports_report (self, &failure, NULL, &diagnoses, &error)) == 0)
    {
      if (error->domain != G_DBUS_ERROR)
        g_warning ("Report: %s", error->message);
      g_dbus_method_invocation_return_gerror (invocation, error);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }

  /* Completing the call gives the invocation away. */
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  todoke_dbus_reports_complete_report (skeleton, invocation, id_text);
  announce (self, id, diagnoses, &failure, received);

  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/**
 * todoke_reports_new:
 * @rules: the rules to classify with
 * @store: the history
 *
 * Returns: (transfer full): the service, not yet on the bus
 */
TodokeReports *
todoke_reports_new (TodokeRuleSet      *rules,
                    TodokeHistoryStore *store)
{
  TodokeReports *self = g_object_new (TODOKE_TYPE_REPORTS, NULL);

  self->rules = todoke_rule_set_ref (rules);
  self->store = g_object_ref (store);
  self->skeleton = todoke_dbus_reports_skeleton_new ();
  g_signal_connect (self->skeleton, "handle-report", G_CALLBACK (handle_report), self);

  return self;
}

/**
 * todoke_reports_set_language:
 * @self: the service
 * @language: "ja" or "en": used when a report names no locale
 */
void
todoke_reports_set_language (TodokeReports *self,
                             const char    *language)
{
  g_free (self->language);
  self->language = g_strdup (language);
}

gboolean
todoke_reports_export (TodokeReports    *self,
                       GDBusConnection  *connection,
                       const char       *object_path,
                       GError          **error)
{
  if (!g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->skeleton),
                                         connection, object_path, error))
    return FALSE;
  if (self->connection == NULL)
    {
      self->connection = g_object_ref (connection);
      self->filter_id = g_dbus_connection_add_filter (connection, stamp_arrival, NULL, NULL);
    }

  return TRUE;
}

void
todoke_reports_unexport (TodokeReports *self)
{
  if (self->connection != NULL)
    {
      g_dbus_connection_remove_filter (self->connection, self->filter_id);
      self->filter_id = 0;
      g_clear_object (&self->connection);
    }
  if (self->skeleton != NULL &&
      g_dbus_interface_skeleton_get_connection (G_DBUS_INTERFACE_SKELETON (self->skeleton)) != NULL)
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->skeleton));
}

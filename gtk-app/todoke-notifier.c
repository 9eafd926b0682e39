/* todoke-notifier.c: desktop notifications for new failures
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One notification per failed recipient, in the language of the report's
 * guide: the guide's title, the recipient and the first step, with "Show
 * fix steps" and "Dismiss" where the server draws buttons. Failures that
 * arrive close together (a burst: a mailing to a stale list, a quota hit)
 * become one notification that says how many there were.
 *
 * The rule does not depend on how fast the app works through a burst:
 * whether a failure belongs to the burst is decided by when its report
 * arrived, not when it was stored; and one timer paces what is shown.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>
#include <string.h>

#include "todoke-notifier.h"

/* The first failure of a quiet moment waits GATHER_MS for others that
 * arrive with it, so Report → Notify stays well under 300 ms. Once a
 * notification is shown, it is replaced at most once per REPLACE_MS with
 * one that counts everything since. A failure whose report arrived within
 * BURST_MS of the burst's newest joins the burst while its notification is
 * still on the screen. */
#define GATHER_MS     30
#define REPLACE_MS    500
#define BURST_MS      1000
/* A burst's notification names its first few failures and counts the rest. */
#define BURST_NAMED   3

typedef struct
{
  gint64           report_id;
  TodokeDiagnosis *diagnosis;   /* owned */
  guint            index;
  gboolean         bounce;
  gint64           received;    /* monotonic µs: when the report arrived */
} Pending;

struct _TodokeNotifier
{
  GObject     parent_instance;

  GSettings  *settings;      /* owned */
  GArray     *pending;       /* owned: Pending, not shown yet */
  GArray     *burst;         /* owned: Pending, the first BURST_NAMED of the burst */
  guint       burst_count;   /* how many failures the burst has */
  GList      *shown;         /* owned: NotifyNotification, until closed */
  NotifyNotification *last;  /* borrowed from shown: the burst's notification */
  gint64      last_time;     /* monotonic µs when a notification was last shown */
  gint64      burst_newest;  /* monotonic µs: the newest arrival in the burst */
  guint       timer_id;      /* the one timer: when pending is shown */
};

G_DEFINE_FINAL_TYPE (TodokeNotifier, todoke_notifier, G_TYPE_OBJECT)

enum {
  SHOW_GUIDE,
  SHOW_HISTORY,
  DISMISSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pending_clear (gpointer data)
{
  Pending *pending = data;

  g_clear_object (&pending->diagnosis);
}

static void
todoke_notifier_dispose (GObject *object)
{
  TodokeNotifier *self = TODOKE_NOTIFIER (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->burst, g_array_unref);
  self->last = NULL;
  g_list_free_full (g_steal_pointer (&self->shown), g_object_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (todoke_notifier_parent_class)->dispose (object);
}

static void
todoke_notifier_class_init (TodokeNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = todoke_notifier_dispose;

  signals[SHOW_GUIDE] = g_signal_new ("show-guide", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                      G_TYPE_INT64, G_TYPE_UINT);
  signals[SHOW_HISTORY] = g_signal_new ("show-history", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DISMISSED] = g_signal_new ("dismissed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
todoke_notifier_init (TodokeNotifier *self)
{
  self->pending = g_array_new (FALSE, TRUE, sizeof (Pending));
  g_array_set_clear_func (self->pending, pending_clear);
  self->burst = g_array_new (FALSE, TRUE, sizeof (Pending));
  g_array_set_clear_func (self->burst, pending_clear);
}

TodokeNotifier *
todoke_notifier_new (GSettings *settings)
{
  TodokeNotifier *self = g_object_new (TODOKE_TYPE_NOTIFIER, NULL);

  self->settings = g_object_ref (settings);

  return self;
}

/**
 * todoke_notifier_escape:
 * @text: plain text
 * @markup: whether the notification server reads bodies as markup
 *
 * Servers that announce `body-markup` drop a body with a bare `<` or `&`;
 * the others show entities literally. So escape exactly when they parse.
 *
 * Returns: (transfer full): the text as the server must receive it
 */
char *
todoke_notifier_escape (const char *text,
                        gboolean    markup)
{
  return markup ? g_markup_escape_text (text, -1) : g_strdup (text);
}

static gboolean
server_has (GList      *caps,
            const char *cap)
{
  return g_list_find_custom (caps, cap, (GCompareFunc) strcmp) != NULL;
}

static void
on_closed (NotifyNotification *notification,
           TodokeNotifier     *self)
{
  GList *link = g_list_find (self->shown, notification);

  if (notification == self->last)
    self->last = NULL;
  if (link != NULL)
    {
      self->shown = g_list_delete_link (self->shown, link);
      g_signal_handlers_disconnect_by_data (notification, self);
      g_object_unref (notification);
    }
}

static void
on_action (NotifyNotification *notification,
           char               *action,
           gpointer            user_data)
{
  TodokeNotifier *self = user_data;
  gint64 report_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (notification), "report-id"));
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (notification), "index"));

  if (strcmp (action, "dismiss") == 0)
    g_signal_emit (self, signals[DISMISSED], 0, report_id);
  else if (report_id != 0)
    g_signal_emit (self, signals[SHOW_GUIDE], 0, report_id, index);
  else
    g_signal_emit (self, signals[SHOW_HISTORY], 0);
}

static char *
single_body (TodokeDiagnosis *diagnosis)
{
  TodokeGuide *guide = todoke_diagnosis_get_guide (diagnosis);
  const char * const *steps = guide ? todoke_guide_get_steps (guide) : NULL;
  const char *recipient = todoke_diagnosis_get_recipient (diagnosis);
  GString *body = g_string_new (NULL);

  if (recipient != NULL && *recipient)
    g_string_append (body, recipient);
  if (steps != NULL && steps[0] != NULL)
    {
      if (body->len)
        g_string_append_c (body, '\n');
      g_string_append (body, steps[0]);
    }

  return g_string_free (body, FALSE);
}

static char *
burst_body (GArray *pending,
            guint   count)
{
  GString *body = g_string_new (NULL);
  guint i;

  for (i = 0; i < pending->len; i++)
    {
      Pending *p = &g_array_index (pending, Pending, i);
      const char *recipient = todoke_diagnosis_get_recipient (p->diagnosis);

      if (i > 0)
        g_string_append_c (body, '\n');
      g_string_append (body, todoke_diagnosis_get_title (p->diagnosis));
      if (recipient != NULL && *recipient)
        g_string_append_printf (body, " — %s", recipient);
    }
  if (count > pending->len)
    g_string_append_printf (body, "\n…");

  return g_string_free (body, FALSE);
}

static void
show (TodokeNotifier *self,
      NotifyNotification *notification,
      const char     *summary,
      const char     *body,
      gint64          report_id,
      guint           index,
      gboolean        bounce,
      gboolean        hard)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  GList *caps = notify_get_server_caps ();
  gboolean replace = notification != NULL;

  escaped = todoke_notifier_escape (body, server_has (caps, "body-markup"));
  if (replace)
    {
      notify_notification_update (notification, summary, escaped, APP_ID);
      notify_notification_clear_actions (notification);
    }
  else
    notification = notify_notification_new (summary, escaped, APP_ID);
  notify_notification_set_category (notification, bounce ? "email.bounced" : "email");
  notify_notification_set_hint_string (notification, "desktop-entry", APP_ID);
  notify_notification_set_urgency (notification, hard ? NOTIFY_URGENCY_NORMAL : NOTIFY_URGENCY_LOW);
  g_object_set_data (G_OBJECT (notification), "report-id", GSIZE_TO_POINTER ((gsize) report_id));
  g_object_set_data (G_OBJECT (notification), "index", GUINT_TO_POINTER (index));
  if (server_has (caps, "actions"))
    {
      notify_notification_add_action (notification, "default", _("Show fix steps"),
                                      on_action, self, NULL);
      notify_notification_add_action (notification, "show",
                                      report_id ? _("Show fix steps") : _("Show history"),
                                      on_action, self, NULL);
      notify_notification_add_action (notification, "dismiss", _("Dismiss"), on_action, self, NULL);
    }
  g_list_free_full (caps, g_free);

  if (!notify_notification_show (notification, &error))
    {
      g_warning ("Cannot show a notification: %s", error->message);
      if (!replace)
        g_object_unref (notification);
      return;
    }
  if (!replace)
    {
      g_signal_connect (notification, "closed", G_CALLBACK (on_closed), self);
      self->shown = g_list_prepend (self->shown, notification);
    }
  self->last = notification;
  self->last_time = g_get_monotonic_time ();
}

static gboolean
wanted (TodokeNotifier  *self,
        TodokeDiagnosis *diagnosis)
{
  if (g_settings_get_boolean (self->settings, "quiet"))
    return FALSE;

  return g_settings_get_boolean (self->settings,
                                 todoke_diagnosis_is_hard (diagnosis) ? "notify-hard" : "notify-soft");
}

static gint64
newest_arrival (GArray *items)
{
  gint64 newest = 0;
  guint i;

  for (i = 0; i < items->len; i++)
    newest = MAX (newest, g_array_index (items, Pending, i).received);

  return newest;
}

/* Whether what is pending joins the notification on the screen. What
 * waited for the same timer is shown together in any case. */
static gboolean
joins_burst (TodokeNotifier *self)
{
  gint64 first = G_MAXINT64;
  guint i;

  if (self->last == NULL)
    return FALSE;
  for (i = 0; i < self->pending->len; i++)
    first = MIN (first, g_array_index (self->pending, Pending, i).received);

  return first - self->burst_newest < BURST_MS * 1000;
}

/**
 * todoke_notifier_flush:
 * @self: the notifier
 *
 * Shows what is waiting now: a notification for one failure, or one that
 * counts the whole burst (replacing the burst's notification).
 *
 * Returns: how many failures the notification covers
 */
guint
todoke_notifier_flush (TodokeNotifier *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;
  NotifyNotification *replaces = NULL;
  Pending *first;
  guint i, n;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->pending->len == 0)
    return 0;

  if (joins_burst (self))
    replaces = self->last;
  else
    {
      g_array_set_size (self->burst, 0);
      self->burst_count = 0;
      self->burst_newest = 0;
    }
  self->burst_newest = MAX (self->burst_newest, newest_arrival (self->pending));
  self->burst_count += self->pending->len;
  for (i = 0; i < self->pending->len && self->burst->len < BURST_NAMED; i++)
    {
      Pending *p = &g_array_index (self->pending, Pending, i);
      Pending copy = { p->report_id, g_object_ref (p->diagnosis), p->index, p->bounce, p->received };

      g_array_append_val (self->burst, copy);
    }
  g_array_set_size (self->pending, 0);

  n = self->burst_count;
  first = &g_array_index (self->burst, Pending, 0);
  if (n == 1)
    {
      body = single_body (first->diagnosis);
      show (self, replaces, todoke_diagnosis_get_title (first->diagnosis), body, first->report_id,
            first->index, first->bounce, todoke_diagnosis_is_hard (first->diagnosis));
    }
  else
    {
      /* Translators: the title of one notification for several failures at once */
      summary = g_strdup_printf (ngettext ("%u delivery failed",
                                              "%u deliveries failed", n), n);
      body = burst_body (self->burst, n);
      show (self, replaces, summary, body, 0, 0, first->bounce, TRUE);
    }

  return n;
}

static gboolean
timer_done (gpointer user_data)
{
  TodokeNotifier *self = user_data;

  self->timer_id = 0;
  todoke_notifier_flush (self);

  return G_SOURCE_REMOVE;
}

/* The one timer: GATHER_MS from the first failure of a quiet moment, and
 * never sooner than REPLACE_MS after the last notification was shown. A
 * failure that comes while it runs waits for it, without pushing it back. */
static void
schedule (TodokeNotifier *self)
{
  gint64 wait_us = GATHER_MS * 1000;

  if (self->timer_id != 0)
    return;
  if (self->last_time != 0)
    wait_us = MAX (wait_us, self->last_time + REPLACE_MS * 1000 - g_get_monotonic_time ());
  self->timer_id = g_timeout_add ((guint) ((wait_us + 999) / 1000), timer_done, self);
}

/**
 * todoke_notifier_add:
 * @self: the notifier
 * @report_id: the report's history id
 * @diagnoses: (element-type TodokeDiagnosis): its failed recipients
 * @bounce: whether it was a bounce (category `email.bounced`) or a failed send
 * @received: when the report arrived (g_get_monotonic_time()): what decides
 *   whether it belongs to a burst
 *
 * Queues a report for a notification, as the settings allow.
 */
void
todoke_notifier_add (TodokeNotifier *self,
                     gint64          report_id,
                     GPtrArray      *diagnoses,
                     gboolean        bounce,
                     gint64          received)
{
  guint i;

  for (i = 0; i < diagnoses->len; i++)
    {
      Pending pending = { report_id, NULL, i, bounce, received };

      if (!wanted (self, g_ptr_array_index (diagnoses, i)))
        continue;
      pending.diagnosis = g_object_ref (g_ptr_array_index (diagnoses, i));
      g_array_append_val (self->pending, pending);
    }
  if (self->pending->len > 0)
    schedule (self);
}

/**
 * todoke_notifier_show_problem:
 * @self: the notifier
 * @folder: a watched Maildir folder
 * @message: why it cannot be watched
 *
 * Says once that a watched folder is watched no more (unless quiet).
 */
void
todoke_notifier_show_problem (TodokeNotifier *self,
                              const char     *folder,
                              const char     *message)
{
  NotifyNotification *notification;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *escaped = NULL;
  GList *caps;

  if (g_settings_get_boolean (self->settings, "quiet"))
    return;
  caps = notify_get_server_caps ();
  body = g_strdup_printf ("%s\n%s", folder, message);
  escaped = todoke_notifier_escape (body, server_has (caps, "body-markup"));
  g_list_free_full (caps, g_free);
  /* Translators: the title of a notification; the body names the folder and the problem */
  notification = notify_notification_new (_("A Maildir folder is no longer watched"), escaped, APP_ID);
  notify_notification_set_hint_string (notification, "desktop-entry", APP_ID);
  if (!notify_notification_show (notification, &error))
    g_warning ("Cannot show a notification: %s", error->message);
  g_object_unref (notification);
}

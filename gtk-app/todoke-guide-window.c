/* todoke-guide-window.c: the fix guide of one failure
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What libtodoke decided, laid out for a person: the title, badges for
 * hard/soft and who must act, the explanation, the numbered steps for the
 * client the report came from, the provider's notes, the server's own text
 * (verbatim, selectable), and buttons to copy the diagnosis and read help.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "todoke-guide-window.h"

struct _TodokeGuideWindow
{
  AdwApplicationWindow  parent_instance;

  TodokeDiagnosis      *diagnosis;    /* owned */
  gint64                report_id;
  AdwToastOverlay      *toasts;       /* borrowed */
  GtkWidget            *copy;         /* borrowed */
  GtkWidget            *check;        /* borrowed: "Run checks" */
  GtkWidget            *findings;     /* borrowed: where their results go */
  TodokeProbe          *probe;        /* owned, nullable */
  char                 *server;       /* the submission server, or NULL */
  GCancellable         *cancellable;  /* owned: cancelled when the window goes */
};

G_DEFINE_FINAL_TYPE (TodokeGuideWindow, todoke_guide_window, ADW_TYPE_APPLICATION_WINDOW)

/**
 * todoke_owner_label:
 * @owner: who must act
 *
 * Returns: (transfer none): a translated badge text
 */
const char *
todoke_owner_label (TodokeOwner owner)
{
  switch (owner)
    {
    case TODOKE_OWNER_SENDER:
      return _("You can fix this");
    case TODOKE_OWNER_SENDER_ADMIN:
      return _("Your mail administrator must act");
    case TODOKE_OWNER_RECIPIENT:
      return _("The recipient must act");
    case TODOKE_OWNER_RECIPIENT_ADMIN:
      return _("The recipient’s administrator must act");
    case TODOKE_OWNER_NETWORK:
      return _("A network problem");
    case TODOKE_OWNER_NOBODY:
      return _("Nothing to do");
    case TODOKE_OWNER_UNKNOWN:
    default:
      return _("Unclear who must act");
    }
}

static void
todoke_guide_window_dispose (GObject *object)
{
  TodokeGuideWindow *self = TODOKE_GUIDE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->probe);
  g_clear_pointer (&self->server, g_free);
  g_clear_object (&self->diagnosis);

  G_OBJECT_CLASS (todoke_guide_window_parent_class)->dispose (object);
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static GtkWidget *
new_badge (const char *text,
           const char *kind)
{
  GtkWidget *badge = gtk_label_new (text);

  gtk_widget_add_css_class (badge, "badge");
  gtk_widget_add_css_class (badge, kind);

  return badge;
}

static GtkWidget *
new_step (guint       number,
          const char *text)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *digits = g_strdup_printf ("%u", number);
  GtkWidget *circle = gtk_label_new (digits);
  GtkWidget *label = new_label (text, NULL);

  gtk_widget_add_css_class (circle, "step-number");
  gtk_widget_set_valign (circle, GTK_ALIGN_START);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (row), circle);
  gtk_box_append (GTK_BOX (row), label);

  return row;
}

static void
append_section (GtkBox     *page,
                const char *heading)
{
  GtkWidget *label = new_label (heading, "heading");

  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (page, label);
}

static char *
format_when (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  /* Translators: the date and time of a failure; see g_date_time_format() */
  return local ? g_date_time_format (local, _("%Y-%m-%d %H:%M")) : g_strdup ("");
}

static GtkWidget *
build_badges (TodokeDiagnosis *diagnosis)
{
  GtkWidget *badges = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gboolean hard = todoke_diagnosis_is_hard (diagnosis);
  const char *retry;

  gtk_box_append (GTK_BOX (badges),
                  new_badge (hard ? _("Permanent failure") : _("Temporary failure"),
                             hard ? "hard" : "soft"));
  gtk_box_append (GTK_BOX (badges),
                  new_badge (todoke_owner_label (todoke_diagnosis_get_owner (diagnosis)), "owner"));
  retry = todoke_diagnosis_get_retry (diagnosis) ? _("Sending again later can work")
                                                  : _("Sending again unchanged will not work");
  gtk_box_append (GTK_BOX (badges), new_badge (retry, "soft"));

  return badges;
}

static void
build_steps (GtkBox      *page,
             TodokeGuide *guide)
{
  const char * const *steps = todoke_guide_get_steps (guide);
  const char * const *notes = todoke_guide_get_notes (guide);
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  guint i;

  append_section (page, _("What to do"));
  for (i = 0; steps && steps[i]; i++)
    gtk_box_append (GTK_BOX (list), new_step (i + 1, steps[i]));
  gtk_box_append (page, list);
  if (todoke_guide_get_retry_text (guide) != NULL)
    gtk_box_append (page, new_label (todoke_guide_get_retry_text (guide), "dim-label"));

  if (notes != NULL && notes[0] != NULL)
    {
      append_section (page, _("Notes about this mail service"));
      for (i = 0; notes[i]; i++)
        gtk_box_append (page, new_label (notes[i], NULL));
    }
}

static void
build_server_text (GtkBox          *page,
                   TodokeDiagnosis *diagnosis)
{
  const char *text = todoke_diagnosis_get_server_message (diagnosis);
  GtkWidget *label;

  if (text == NULL || *text == '\0')
    return;
  append_section (page, _("What the server said"));
  label = new_label (text, "server-text");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_name (label, "server-text");
  gtk_box_append (page, label);
}

static GtkWidget *
build_buttons (TodokeGuideWindow *self)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *copy = gtk_button_new_with_mnemonic (_("_Copy diagnosis"));
  GtkWidget *help = gtk_button_new_with_mnemonic (_("_Help"));
  GtkWidget *history = gtk_button_new_with_mnemonic (_("_History"));
  GtkWidget *check = gtk_button_new_with_mnemonic (_("_Run checks"));

  gtk_widget_set_margin_top (buttons, 18);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "guide.copy");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (help), "guide.help");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (history), "app.history");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (check), "guide.check");
  gtk_widget_add_css_class (check, "pill");
  /* Shown once a probe is given and libtodoke has checks for the reason. */
  gtk_widget_set_visible (check, FALSE);
  self->check = check;
  gtk_widget_add_css_class (copy, "suggested-action");
  gtk_widget_add_css_class (copy, "pill");
  gtk_widget_add_css_class (help, "pill");
  gtk_widget_add_css_class (history, "pill");
  gtk_box_append (GTK_BOX (buttons), copy);
  gtk_box_append (GTK_BOX (buttons), check);
  gtk_box_append (GTK_BOX (buttons), help);
  gtk_box_append (GTK_BOX (buttons), history);
  /* Only an app has a history to show. */
  gtk_widget_set_visible (history, gtk_window_get_application (GTK_WINDOW (self)) != NULL);
  self->copy = copy;

  return buttons;
}

static GtkWidget *
build_page (TodokeGuideWindow *self,
            gint64             time)
{
  TodokeDiagnosis *diagnosis = self->diagnosis;
  TodokeGuide *guide = todoke_diagnosis_get_guide (diagnosis);
  const char *recipient = todoke_diagnosis_get_recipient (diagnosis);
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  g_autofree char *when = format_when (time);
  g_autofree char *subtitle = NULL;

  gtk_widget_set_margin_top (page, 24);
  gtk_widget_set_margin_bottom (page, 24);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);

  gtk_box_append (GTK_BOX (page), new_label (todoke_diagnosis_get_title (diagnosis), "title-1"));
  if (recipient != NULL && *recipient)
    /* Translators: "to <recipient> · <date and time>" under the title */
    subtitle = g_strdup_printf (_("To %s · %s"), recipient, when);
  else
    subtitle = g_strdup (when);
  gtk_box_append (GTK_BOX (page), new_label (subtitle, "dim-label"));
  gtk_box_append (GTK_BOX (page), build_badges (diagnosis));
  if (guide != NULL)
    {
      gtk_box_append (GTK_BOX (page), new_label (todoke_guide_get_explanation (guide), NULL));
      build_steps (GTK_BOX (page), guide);
    }
  build_server_text (GTK_BOX (page), diagnosis);
  gtk_box_append (GTK_BOX (page), build_buttons (self));
  self->findings = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_box_append (GTK_BOX (page), self->findings);

  return page;
}

static void
copy_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  TodokeGuideWindow *self = TODOKE_GUIDE_WINDOW (widget);
  g_autofree char *json = todoke_diagnosis_to_json (self->diagnosis, NULL, TODOKE_JSON_GUIDE, 0);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), json);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Diagnosis copied")));
}

/**
 * todoke_guide_window_dup_help_uri:
 * @self: the window
 *
 * The help page for the guide: Yelp's help: URI where Yelp is installed,
 * else the installed HTML page.
 *
 * Returns: (transfer full) (nullable): a URI
 */
char *
todoke_guide_window_dup_help_uri (TodokeGuideWindow *self)
{
  TodokeGuide *guide = todoke_diagnosis_get_guide (self->diagnosis);
  const char *page = guide ? todoke_guide_get_help_page (guide) : NULL;
  const char *lang = guide ? todoke_guide_get_language (guide) : "en";
  g_autofree char *yelp = g_find_program_in_path ("yelp");
  g_autofree char *html = NULL;

  if (page == NULL)
    page = "index";
  if (yelp != NULL)
    return g_strdup_printf ("help:%s/%s", GETTEXT_PACKAGE, page);
  html = g_build_filename (TODOKE_HELP_HTML_DIR, g_strcmp0 (lang, "ja") == 0 ? "ja" : "C",
                           page, NULL);

  return g_strdup_printf ("file://%s.html", html);
}

static void
help_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  g_autofree char *uri = todoke_guide_window_dup_help_uri (TODOKE_GUIDE_WINDOW (widget));

  gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

static const char *
status_icon (TodokeFindingStatus status)
{
  switch (status)
    {
    case TODOKE_FINDING_STATUS_OK:
      return "emblem-ok-symbolic";
    case TODOKE_FINDING_STATUS_PROBLEM:
      return "dialog-error-symbolic";
    case TODOKE_FINDING_STATUS_WARNING:
      return "dialog-warning-symbolic";
    case TODOKE_FINDING_STATUS_NOT_CHECKED:
    default:
      return "dialog-question-symbolic";
    }
}

static GtkWidget *
new_finding (TodokeFinding *finding)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (status_icon (todoke_finding_get_status (finding)));
  const char *parts[] = { todoke_finding_get_detail (finding), todoke_finding_get_suggestion (finding) };
  guint i;

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (text), new_label (todoke_finding_get_summary (finding), "heading"));
  for (i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && *parts[i])
      gtk_box_append (GTK_BOX (text), new_label (parts[i], NULL));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), text);
  gtk_widget_add_css_class (row, "finding");

  return row;
}

static void
check_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TodokeGuideWindow) self = user_data;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint i;

  findings = todoke_probe_run_finish (TODOKE_PROBE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guide.check", TRUE);
  while ((child = gtk_widget_get_first_child (self->findings)) != NULL)
    gtk_box_remove (GTK_BOX (self->findings), child);
  append_section (GTK_BOX (self->findings), _("Check results"));
  if (findings == NULL)
    {
      g_warning ("Checks: %s", error->message);
      gtk_box_append (GTK_BOX (self->findings), new_label (_("The checks could not run."), NULL));
      return;
    }
  for (i = 0; i < findings->len; i++)
    gtk_box_append (GTK_BOX (self->findings), new_finding (g_ptr_array_index (findings, i)));
}

static void
check_activated (GtkWidget  *widget,
                 const char *action,
                 GVariant   *param)
{
  TodokeGuideWindow *self = TODOKE_GUIDE_WINDOW (widget);
  const char * const *checks = todoke_probe_get_checks_for_reason (todoke_diagnosis_get_reason (self->diagnosis));
  g_autoptr(TodokeProbeRequest) request = todoke_probe_request_new ();
  TodokeGuide *guide = todoke_diagnosis_get_guide (self->diagnosis);
  g_autofree char *host = NULL;
  guint16 port = 0;

  if (self->probe == NULL || checks == NULL)
    return;
  todoke_probe_request_set_checks (request, checks);
  if (todoke_diagnosis_get_recipient (self->diagnosis) != NULL)
    todoke_probe_request_set_recipient (request, todoke_diagnosis_get_recipient (self->diagnosis));
  if (self->server != NULL)
    {
      const char *colon = strrchr (self->server, ':');

      host = colon && !strchr (colon, ']') ? g_strndup (self->server, colon - self->server)
                                           : g_strdup (self->server);
      port = colon && !strchr (colon, ']') ? (guint16) g_ascii_strtoull (colon + 1, NULL, 10) : 0;
      todoke_probe_request_set_server (request, host, port);
    }
  gtk_widget_action_set_enabled (widget, "guide.check", FALSE);
  todoke_probe_run_async (self->probe, request, guide ? todoke_guide_get_language (guide) : NULL,
                          self->cancellable, check_done, g_object_ref (self));
}

/**
 * todoke_guide_window_set_probe:
 * @self: the window
 * @probe: (nullable): what runs the checks
 * @server: (nullable): the submission server the report named ("host:port")
 *
 * Offers "Run checks" when libtodoke has checks for the failure's reason.
 */
void
todoke_guide_window_set_probe (TodokeGuideWindow *self,
                               TodokeProbe       *probe,
                               const char        *server)
{
  const char *reason = todoke_diagnosis_get_reason (self->diagnosis);

  g_set_object (&self->probe, probe);
  g_free (self->server);
  self->server = g_strdup (server && *server ? server : NULL);
  gtk_widget_set_visible (self->check, probe != NULL && reason != NULL &&
                                       todoke_probe_get_checks_for_reason (reason) != NULL);
}

static void
todoke_guide_window_class_init (TodokeGuideWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = todoke_guide_window_dispose;
  gtk_widget_class_install_action (widget_class, "guide.copy", NULL, copy_activated);
  gtk_widget_class_install_action (widget_class, "guide.help", NULL, help_activated);
  gtk_widget_class_install_action (widget_class, "guide.check", NULL, check_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
todoke_guide_window_init (TodokeGuideWindow *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * todoke_guide_window_new:
 * @application: the app
 * @report_id: the report's history id
 * @diagnosis: the failure to explain
 * @time: when it was reported (seconds since the epoch)
 *
 * Returns: (transfer none): the window, not yet shown
 */
GtkWidget *
todoke_guide_window_new (GtkApplication  *application,
                         gint64           report_id,
                         TodokeDiagnosis *diagnosis,
                         gint64           time)
{
  TodokeGuideWindow *self = g_object_new (TODOKE_TYPE_GUIDE_WINDOW,
                                          "application", application,
                                          "default-width", 640,
                                          "default-height", 720,
                                          NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  self->diagnosis = g_object_ref (diagnosis);
  self->report_id = report_id;
  gtk_window_set_title (GTK_WINDOW (self), todoke_diagnosis_get_title (diagnosis));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("Fix guide"), NULL));

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 680);
  adw_clamp_set_child (ADW_CLAMP (clamp), build_page (self, time));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, scroller);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), box);
  /* Focus on the button, not on the selectable server text (it would all
   * be selected). */
  gtk_window_set_focus (GTK_WINDOW (self), self->copy);

  return GTK_WIDGET (self);
}

gint64
todoke_guide_window_get_report_id (TodokeGuideWindow *self)
{
  return self->report_id;
}

TodokeDiagnosis *
todoke_guide_window_get_diagnosis (TodokeGuideWindow *self)
{
  return self->diagnosis;
}

/* test-generalization.c: the shipped rules on replies and bounce texts
 * written from the standards, the MTAs and the providers' pages — not from
 * the corpus the rules were tuned on — family by family
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every family of tests/data/generalization/ must reach its floor (the
 * `floors` file there). `test-generalization --table` prints the
 * per-family table instead (bench/generalization); `--misses` also lists
 * every wrong answer.
 */

#include "config.h"

#include <string.h>

#include "todoke-test-utils.h"

typedef struct
{
  char *input;
  char *expected;
  char *source;
  char *recipient;
  char *server;
  char *status;
  char *command;
  gboolean bounce;
} Case;

typedef struct
{
  const char *family;
  guint       total;
  guint       right;
  GString    *misses;
} Score;

static gboolean print_table;
static gboolean print_misses;

static void
case_clear (Case *c)
{
  g_free (c->input);
  g_free (c->expected);
  g_free (c->source);
  g_free (c->recipient);
  g_free (c->server);
  g_free (c->status);
  g_free (c->command);
}

/* "\n" in a field stands for a line break. */
static char *
unescape (const char *field)
{
  GString *out = g_string_new (NULL);
  const char *p;

  for (p = field; *p; p++)
    {
      if (p[0] == '\\' && p[1] == 'n')
        {
          g_string_append_c (out, '\n');
          p++;
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static void
parse_options (Case       *c,
               const char *options)
{
  g_auto(GStrv) words = g_strsplit (options, " ", -1);
  guint i;

  for (i = 0; words[i] != NULL; i++)
    {
      const char *w = words[i];

      if (strcmp (w, "bounce") == 0)
        c->bounce = TRUE;
      else if (g_str_has_prefix (w, "status="))
        c->status = g_strdup (w + 7);
      else if (g_str_has_prefix (w, "to="))
        c->recipient = g_strdup (w + 3);
      else if (g_str_has_prefix (w, "server="))
        c->server = g_strdup (w + 7);
      else if (g_str_has_prefix (w, "cmd="))
        c->command = g_strdup (w + 4);
      else if (*w != '\0')
        g_error ("unknown option “%s”", w);
    }
}

static GArray *
load_family (const char *file)
{
  g_autoptr(GBytes) bytes = todoke_test_load_dist ("data", "generalization", file, NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GArray *cases = g_array_new (FALSE, TRUE, sizeof (Case));
  guint i;

  g_array_set_clear_func (cases, (GDestroyNotify) case_clear);
  for (i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      Case c = { 0 };

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (fields) < 3)
        g_error ("%s:%u: want input, reason, source and options", file, i + 1);
      c.input = unescape (fields[0]);
      c.expected = g_strdup (fields[1]);
      c.source = g_strdup (fields[2]);
      if (fields[3] != NULL)
        parse_options (&c, fields[3]);
      g_array_append_val (cases, c);
    }

  return cases;
}

static const char *
command_marker (const char *command)
{
  if (g_strcmp0 (command, "RCPT") == 0)
    return "RCPT TO";
  if (g_strcmp0 (command, "MAIL") == 0)
    return "MAIL FROM";
  if (g_strcmp0 (command, "DATA") == 0)
    return "end of DATA";

  return command;
}

/* A DSN as Postfix writes one, carrying the text as Diagnostic-Code. */
static TodokeDiagnosis *
classify_bounce (TodokeClassifier *classifier,
                 const Case       *c)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) diagnoses = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = g_strsplit (c->input, "\n", -1);
  g_autofree char *folded = g_strjoinv ("\n ", lines);
  g_autofree char *one_line = g_strjoinv (" ", lines);
  const char *recipient = c->recipient != NULL ? c->recipient : "taro@example.org";

  g_string_append (text,
                   "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\n"
                   "To: sender@example.net\n"
                   "Subject: Undelivered Mail Returned to Sender\n"
                   "MIME-Version: 1.0\n"
                   "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
                   "--B\nContent-Type: text/plain; charset=utf-8\n\n"
                   "This is the mail system at host mx.example.net.\n\n");
  if (g_strcmp0 (c->command, "CONN") == 0)
    g_string_append_printf (text, "<%s>: host mx.%s[192.0.2.7] refused to talk to me: %s\n",
                            recipient, strchr (recipient, '@') + 1, one_line);
  else if (c->command != NULL)
    g_string_append_printf (text, "<%s>: host mx.%s[192.0.2.7] said: %s (in reply to %s command)\n",
                            recipient, strchr (recipient, '@') + 1, one_line, command_marker (c->command));
  g_string_append (text, "\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n");
  g_string_append_printf (text, "Final-Recipient: rfc822; %s\nAction: failed\n", recipient);
  g_string_append_printf (text, "Remote-MTA: dns; mx.%s\n", strchr (recipient, '@') + 1);
  if (c->status != NULL)
    g_string_append_printf (text, "Status: %s\n", c->status);
  g_string_append_printf (text, "Diagnostic-Code: smtp; %s\n--B--\n", folded);

  bytes = todoke_test_bytes (text->str);
  diagnoses = todoke_classifier_classify_bounce (classifier, bytes, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diagnoses->len, ==, 1);

  return g_object_ref (g_ptr_array_index (diagnoses, 0));
}

static void
score_case (TodokeClassifier *classifier,
            const Case       *c,
            Score            *score)
{
  g_autoptr(TodokeDiagnosis) diagnosis = NULL;
  const char *reason, *detail;

  if (c->bounce)
    diagnosis = classify_bounce (classifier, c);
  else
    diagnosis = todoke_classifier_classify_reply_from_server (classifier, c->input, c->recipient,
                                                              c->server, "en");
  reason = todoke_diagnosis_get_reason (diagnosis);
  detail = todoke_diagnosis_get_detail (diagnosis);
  score->total++;
  if (g_strcmp0 (reason, c->expected) == 0 || g_strcmp0 (detail, c->expected) == 0)
    score->right++;
  else
    {
      g_autofree char *shown = g_utf8_substring (c->input, 0, MIN (g_utf8_strlen (c->input, -1), 70));

      g_strdelimit (shown, "\n", ' ');
      g_string_append_printf (score->misses, "  %-26s got %-26s (rule %s) %s\n", c->expected,
                              detail != NULL ? detail : reason,
                              todoke_diagnosis_get_rule_id (diagnosis), shown);
    }
}

static Score
score_family (const char *family)
{
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), NULL);
  g_autofree char *file = g_strconcat (family, ".tsv", NULL);
  g_autoptr(GArray) cases = load_family (file);
  Score score = { family, 0, 0, g_string_new (NULL) };
  guint i;

  for (i = 0; i < cases->len; i++)
    score_case (classifier, &g_array_index (cases, Case, i), &score);

  return score;
}

static void
test_family (gconstpointer data)
{
  const char *family = data;
  Score score = score_family (family);
  double percent = score.total > 0 ? 100.0 * score.right / score.total : 0.0;
  double floor = todoke_test_generalization_floor (family);

  g_test_message ("%s: %u/%u right (%.1f %%; floor %.1f %%)", family, score.right, score.total, percent, floor);
  if (score.misses->len > 0)
    g_test_message ("wrong:\n%s", score.misses->str);
  g_assert_cmpuint (score.total, >=, 30);
  if (percent < floor)
    g_error ("%s: %.1f %% is below the floor of %.1f %%", family, percent, floor);
  g_string_free (score.misses, TRUE);
}

static const char * const families[] = {
  "seed", "mta", "providers", "thunderbird", "japanese", "precedence", "reasons", "prose", "submission",
  "servers", "services", "hosting", "gateways", "senders", NULL
};

static int
print_scores (void)
{
  guint total = 0, right = 0;
  guint i;

  g_print ("%-12s %6s %6s %8s %7s\n", "family", "cases", "right", "percent", "floor");
  for (i = 0; families[i] != NULL; i++)
    {
      Score score = score_family (families[i]);

      g_print ("%-12s %6u %6u %7.1f%% %6.1f%%\n", families[i], score.total, score.right,
               100.0 * score.right / score.total, todoke_test_generalization_floor (families[i]));
      if (print_misses && score.misses->len > 0)
        g_print ("%s", score.misses->str);
      total += score.total;
      right += score.right;
      g_string_free (score.misses, TRUE);
    }
  g_print ("%-12s %6u %6u %7.1f%%\n", "all", total, right, 100.0 * right / total);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  guint i;

  todoke_test_table_options (&argc, argv, &print_table, &print_misses);
  g_test_init (&argc, &argv, NULL);
  if (print_table)
    return print_scores ();

  for (i = 0; families[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat ("/todoke/generalization/", families[i], NULL);

      g_test_add_data_func (path, families[i], test_family);
    }

  return g_test_run ();
}

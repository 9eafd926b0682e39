/* test-wording.c: the Japanese texts keep to po/glossary-ja.tsv
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-test-utils.h"

/* Half-width letters or digits and Japanese side by side with spaces. */
#define JAPANESE "[\\x{3000}-\\x{30FF}\\x{3400}-\\x{9FFF}\\x{FF00}-\\x{FFEF}]"
#define SPACED   "[A-Za-z0-9] +" JAPANESE "|" JAPANESE " +[A-Za-z0-9]"

static const char * const po_files[] = { "po/ja.po", "data/help/ja/ja.po" };

typedef struct
{
  char  *preferred;   /* NULL when the row only forbids */
  GStrv  forbidden;
} GlossaryRow;

static void
glossary_row_free (GlossaryRow *row)
{
  g_free (row->preferred);
  g_strfreev (row->forbidden);
  g_free (row);
}

static char *
source_path (const char *relative)
{
  return g_test_build_filename (G_TEST_DIST, "..", relative, NULL);
}

static GPtrArray *
read_glossary (void)
{
  g_autofree char *path = source_path ("po/glossary-ja.tsv");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) glossary_row_free);
  guint i;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = NULL;
      GlossaryRow *row;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      columns = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (columns), ==, 3);
      row = g_new0 (GlossaryRow, 1);
      row->preferred = g_strcmp0 (columns[0], "-") != 0 ? g_strdup (columns[0]) : NULL;
      row->forbidden = g_strsplit (columns[1], "|", -1);
      g_ptr_array_add (rows, row);
    }
  g_assert_cmpuint (rows->len, >, 0);

  return rows;
}

/* The C-escaped string of a po line ("…" with \n, \t, \", \\). */
static void
append_po_string (GString    *out,
                  const char *line)
{
  const char *start = strchr (line, '"');
  const char *end = strrchr (line, '"');
  g_autofree char *inner = NULL;
  g_autofree char *unescaped = NULL;

  g_assert_true (start != NULL && end > start);
  inner = g_strndup (start + 1, end - start - 1);
  unescaped = g_strcompress (inner);
  g_string_append (out, unescaped);
}

/* Every translation (msgstr) of a po file, the header left out; with
 * @source, only those of messages from that source file. With @msgids,
 * also the English of each, at the same index. */
static GPtrArray *
read_translations (const char  *relative,
                   const char  *source,
                   GPtrArray  **msgids)
{
  g_autofree char *path = source_path (relative);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GString *msgid = NULL;
  GString *msgstr = NULL;
  GString *current = NULL;
  gboolean wanted = source == NULL;
  guint i;

  if (msgids != NULL)
    *msgids = g_ptr_array_new_with_free_func (g_free);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (i = 0; ; i++)
    {
      const char *line = lines[i];

      if ((line == NULL || line[0] == '\0' || g_str_has_prefix (line, "msgid ")) && msgstr != NULL)
        {
          if (msgid->len > 0 && msgstr->len > 0 && wanted)
            {
              g_ptr_array_add (out, g_strdup (msgstr->str));
              if (msgids != NULL)
                g_ptr_array_add (*msgids, g_strdup (msgid->str));
            }
          g_string_free (msgid, TRUE);
          g_string_free (msgstr, TRUE);
          msgid = msgstr = current = NULL;
          wanted = source == NULL;
        }
      if (line == NULL)
        break;
      if (source != NULL && g_str_has_prefix (line, "#:") && strstr (line, source) != NULL)
        wanted = TRUE;
      if (g_str_has_prefix (line, "msgid "))
        {
          msgid = g_string_new (NULL);
          current = msgid;
          append_po_string (current, line);
        }
      else if (g_str_has_prefix (line, "msgstr") && msgid != NULL)
        {
          msgstr = msgstr != NULL ? msgstr : g_string_new (NULL);
          current = msgstr;
          append_po_string (current, line);
        }
      else if (line[0] == '"' && current != NULL)
        append_po_string (current, line);
      else if (!g_str_has_prefix (line, "msgid_plural"))
        current = NULL;
    }
  g_assert_cmpuint (out->len, >, 0);

  return out;
}

/* @text without markup and without 「…」: the words a screen label quotes
 * are the screen's, not ours. */
static char *
own_words (const char *text)
{
  static GRegex *quoted = NULL;
  static GRegex *markup = NULL;
  g_autofree char *plain = NULL;

  if (quoted == NULL)
    {
      quoted = g_regex_new ("「[^」]*」", 0, 0, NULL);
      markup = g_regex_new ("<[^>]*>", 0, 0, NULL);
    }
  plain = g_regex_replace_literal (markup, text, -1, 0, "", 0, NULL);

  return g_regex_replace_literal (quoted, plain, -1, 0, "", 0, NULL);
}

static void
check_forbidden (GPtrArray  *glossary,
                 const char *where,
                 const char *text,
                 guint      *failures)
{
  g_autofree char *own = NULL;
  guint r, f;

  /* Most texts hold no forbidden form at all: look before stripping. */
  for (r = 0; r < glossary->len && own == NULL; r++)
    {
      GlossaryRow *row = g_ptr_array_index (glossary, r);

      for (f = 0; row->forbidden[f] != NULL && own == NULL; f++)
        if (strstr (text, row->forbidden[f]) != NULL)
          own = own_words (text);
    }
  if (own == NULL)
    return;
  for (r = 0; r < glossary->len; r++)
    {
      GlossaryRow *row = g_ptr_array_index (glossary, r);

      for (f = 0; row->forbidden[f] != NULL; f++)
        if (strstr (own, row->forbidden[f]) != NULL)
          {
            g_test_message ("%s: “%s” (say “%s”): %s", where, row->forbidden[f],
                            row->preferred != NULL ? row->preferred : "-", text);
            (*failures)++;
          }
    }
}

/* No translation uses a forbidden variant, and every preferred term is used. */
static void
test_glossary (void)
{
  g_autoptr(GPtrArray) glossary = read_glossary ();
  guint failures = 0;
  guint p, i, r;

  for (r = 0; r < glossary->len; r++)
    {
      GlossaryRow *row = g_ptr_array_index (glossary, r);
      gboolean used = row->preferred == NULL;

      for (p = 0; p < G_N_ELEMENTS (po_files); p++)
        {
          g_autoptr(GPtrArray) texts = read_translations (po_files[p], NULL, NULL);

          for (i = 0; i < texts->len && !used; i++)
            used = strstr (g_ptr_array_index (texts, i), row->preferred) != NULL;
        }
      if (!used)
        {
          g_test_message ("the glossary's term “%s” is used nowhere", row->preferred);
          failures++;
        }
    }
  for (p = 0; p < G_N_ELEMENTS (po_files); p++)
    {
      g_autoptr(GPtrArray) texts = read_translations (po_files[p], NULL, NULL);

      for (i = 0; i < texts->len; i++)
        check_forbidden (glossary, po_files[p], g_ptr_array_index (texts, i), &failures);
    }
  g_assert_cmpuint (failures, ==, 0);
}

/* Half-width words sit next to Japanese without a space, in the guides
 * and the help. (The app's and the host's strings are pinned by their own
 * tests as they are.) */
static void
test_spacing (void)
{
  static const char * const sources[] = { "data/guides/", NULL };
  g_autoptr(GRegex) spaced = g_regex_new (SPACED, 0, 0, NULL);
  guint failures = 0;
  guint p, i;

  g_assert_nonnull (spaced);
  for (p = 0; p < G_N_ELEMENTS (po_files); p++)
    {
      g_autoptr(GPtrArray) texts = read_translations (po_files[p], sources[p], NULL);

      for (i = 0; i < texts->len; i++)
        {
          g_autofree char *own = own_words (g_ptr_array_index (texts, i));

          if (g_regex_match (spaced, own, 0, NULL))
            {
              g_test_message ("%s: a space between half-width and Japanese: %s",
                              po_files[p], (const char *) g_ptr_array_index (texts, i));
              failures++;
            }
        }
    }
  g_assert_cmpuint (failures, ==, 0);

  /* The check itself tells the two apart. */
  g_assert_true (g_regex_match (spaced, "SMTP 認証", 0, NULL));
  g_assert_true (g_regex_match (spaced, "ポート 587", 0, NULL));
  g_assert_false (g_regex_match (spaced, "SMTP認証（587番）", 0, NULL));
}

/* The provider ids the guides name, read from the guides' source. */
static GPtrArray *
guide_providers (void)
{
  g_autofree char *path = source_path ("data/guides/todoke-guides.xml.in");
  g_autofree char *text = NULL;
  g_autoptr(GRegex) attribute = g_regex_new ("provider=\"([a-z0-9-]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *providers = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (g_regex_match (attribute, text, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *id = g_match_info_fetch (match, 1);

      if (!g_ptr_array_find_with_equal_func (providers, id, g_str_equal, NULL))
        g_ptr_array_add (providers, g_steal_pointer (&id));
    }
  g_assert_cmpuint (providers->len, >, 10);
  g_ptr_array_insert (providers, 0, NULL);   /* no provider at all */

  return providers;
}

static void
check_strv (GPtrArray          *glossary,
            const char         *where,
            const char * const *texts,
            guint              *failures)
{
  guint i;

  for (i = 0; texts != NULL && texts[i] != NULL; i++)
    check_forbidden (glossary, where, texts[i], failures);
}

/* What a user reads: every Japanese guide the library builds, for every
 * client and every provider, and the labels around it. */
static void
test_guides (void)
{
  static const char * const clients[] = { NULL, "thunderbird", "outlook" };
  static const char * const labels[] = {
    "steps", "who", "retry", "server-said", "notes", "recipient", "help", "owner-sender",
    "owner-sender-retry", "owner-sender-admin", "owner-recipient", "owner-recipient-admin",
    "owner-network", "owner-nobody", "owner-unknown", "retry-true", "retry-false",
  };
  g_autoptr(GPtrArray) glossary = read_glossary ();
  g_autoptr(GPtrArray) providers = guide_providers ();
  TodokeRuleSet *rules = todoke_test_default_rules ();
  g_auto(GStrv) ids = todoke_rule_set_dup_reason_ids (rules);
  guint failures = 0;
  guint i, c, p, checked = 0;

  for (i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      const char *text = todoke_rule_set_lookup_text (rules, labels[i], "ja");

      g_assert_nonnull (text);
      check_forbidden (glossary, labels[i], text, &failures);
    }
  for (i = 0; ids[i] != NULL; i++)
    for (c = 0; c < G_N_ELEMENTS (clients); c++)
      for (p = 0; p < providers->len; p++)
        {
          g_autoptr(TodokeGuide) guide = todoke_rule_set_lookup_guide (rules, ids[i], "ja", clients[c],
                                                                       g_ptr_array_index (providers, p));
          const char * const head[] = {
            todoke_guide_get_title (guide), todoke_guide_get_explanation (guide),
            todoke_guide_get_retry_text (guide), NULL,
          };

          g_assert_cmpstr (todoke_guide_get_language (guide), ==, "ja");
          check_strv (glossary, ids[i], head, &failures);
          check_strv (glossary, ids[i], todoke_guide_get_steps (guide), &failures);
          check_strv (glossary, ids[i], todoke_guide_get_notes (guide), &failures);
          checked++;
        }
  g_assert_cmpuint (checked, >, 1000);
  g_assert_cmpuint (failures, ==, 0);
}

/* The numbers of @english that @japanese lacks (thousands separators
 * ignored): a figure, a port, a code or a size must survive translation. */
static guint
count_missing_numbers (const char *english,
                       const char *japanese,
                       const char *where)
{
  static GRegex *number = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_auto(GStrv) parts = g_strsplit (japanese, ",", -1);
  g_autofree char *plain = g_strjoinv ("", parts);
  guint missing = 0;

  if (number == NULL)
    number = g_regex_new ("[0-9][0-9,]*(?:\\.[0-9]+)*", 0, 0, NULL);
  g_regex_match (number, english, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *found = g_match_info_fetch (match, 0);
      g_auto(GStrv) digits = g_strsplit (found, ",", -1);
      g_autofree char *bare = g_strjoinv ("", digits);

      if (strstr (plain, bare) == NULL)
        {
          g_test_message ("%s: “%s” is missing from the translation: %s",
                          where, found, japanese);
          missing++;
        }
      g_match_info_next (match, NULL);
    }

  return missing;
}

/* Every number of the English reaches the Japanese: a changed or dropped
 * figure (20 MB, 587, 550 5.4.5, 1,000) is a wrong answer, not a style. */
static void
test_numbers (void)
{
  guint failures = 0;
  guint p, i;

  for (p = 0; p < G_N_ELEMENTS (po_files); p++)
    {
      g_autoptr(GPtrArray) english = NULL;
      g_autoptr(GPtrArray) texts = read_translations (po_files[p], NULL, &english);

      g_assert_cmpuint (english->len, ==, texts->len);
      for (i = 0; i < texts->len; i++)
        failures += count_missing_numbers (g_ptr_array_index (english, i),
                                           g_ptr_array_index (texts, i), po_files[p]);
    }
  g_assert_cmpuint (failures, ==, 0);

  /* The check itself finds a changed figure and reads 1,000 as 1000. */
  g_assert_cmpuint (count_missing_numbers ("up to 20 MB and 1,000 a day",
                                           "20MB、1日1000件", "self-test"), ==, 0);
  g_assert_cmpuint (count_missing_numbers ("up to 20 MB and 100 recipients",
                                           "25MB、100件", "self-test"), ==, 1);
}

/* The check is not blind: it finds a forbidden form, and spares a quoted label. */
static void
test_check_finds (void)
{
  g_autoptr(GPtrArray) glossary = read_glossary ();
  guint failures = 0;

  check_forbidden (glossary, "self-test", "あなたのアドレスを送り直してください。", &failures);
  g_assert_cmpuint (failures, ==, 2);
  failures = 0;
  check_forbidden (glossary, "self-test", "Googleの画面の「アプリ パスワード」を開いてください。", &failures);
  g_assert_cmpuint (failures, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/todoke/wording/check-finds", test_check_finds);
  g_test_add_func ("/todoke/wording/glossary", test_glossary);
  g_test_add_func ("/todoke/wording/spacing", test_spacing);
  g_test_add_func ("/todoke/wording/guides", test_guides);
  g_test_add_func ("/todoke/wording/numbers", test_numbers);

  return g_test_run ();
}

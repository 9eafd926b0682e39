/* test-failure.c: Report's argument checks
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-failure.h"

static const struct
{
  const char *variant;   /* GVariant text format of the a{sv} */
  const char *key;       /* the key the error names, or NULL for success */
} cases[] = {
  { "{'text': <'550 5.1.1 unknown'>}", NULL },
  { "{'text': <'550 5.1.1 unknown'>, 'recipients': <['a@example.jp', 'b@example.jp']>,"
    " 'server': <'smtp.example.jp:587'>, 'locale': <'ja-JP'>, 'source': <'thunderbird'>,"
    " 'client': <'thunderbird'>}", NULL },
  { "{'message': <b'From: MAILER-DAEMON\\n\\nx'>}", NULL },
  { "@a{sv} {}", "text" },
  { "{'text': <'550'>, 'message': <b'x'>}", "text" },
  { "{'text': <'   '>}", "text" },
  { "{'text': <42>}", "text" },
  { "{'message': <'not bytes'>}", "message" },
  { "{'message': <@ay []>}", "message" },
  { "{'text': <'550'>, 'colour': <'red'>}", "colour" },
  { "{'text': <'550'>, 'recipients': <'a@example.jp'>}", "recipients" },
  { "{'text': <'550'>, 'recipients': <['']>}", "recipients" },
  { "{'text': <'550'>, 'recipients': <['Taro Yamada <taro@example.jp>']>}", NULL },
  { "{'text': <'550'>, 'recipients': <['no address here']>}", "recipients" },
  { "{'text': <'550'>, 'recipients': <['a@example.jp\\n']>}", "recipients" },
  { "{'text': <'550'>, 'locale': <'ja; rm -rf'>}", "locale" },
  { "{'text': <'550'>, 'source': <'../../etc'>}", "source" },
  { "{'text': <'550'>, 'source': <'thunder bird'>}", "source" },
  { "{'text': <'550'>, 'client': <'<b>'>}", "client" },
  { "{'text': <'550'>, 'server': <'smtp\\u0007.example.jp'>}", "server" },
  { "{'text': <'550'>, 'text': <'551'>}", "text" },
  { "{'text': <'550\\u0000x'>}", NULL },
};

static void
test_table (void)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) value = g_variant_parse (G_VARIANT_TYPE_VARDICT, cases[i].variant,
                                                   NULL, NULL, &error);
      g_auto(TodokeFailure) failure = { 0 };
      gboolean ok;

      g_test_message ("case %u: %s", i, cases[i].variant);
      if (value == NULL && strstr (cases[i].variant, "\\u0000") != NULL)
        continue;   /* GVariant strings cannot hold NUL: nothing to check */
      g_assert_no_error (error);
      ok = todoke_failure_parse (value, &failure, &error);
      if (cases[i].key == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_nonnull (failure.recipients);
          g_assert_nonnull (failure.source);
        }
      else
        {
          g_autofree char *quoted = g_strdup_printf ("“%s”", cases[i].key);

          g_assert_false (ok);
          g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS);
          g_assert_nonnull (strstr (error->message, quoted));
          g_assert_null (failure.text);
          g_assert_null (failure.message);
        }
    }
}

static void
test_limits (void)
{
  g_autofree char *big = g_malloc (TODOKE_FAILURE_MAX_TEXT + 2);
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("as"));
  g_autoptr(GVariant) many = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(TodokeFailure) failure = { 0 };
  GVariantDict dict;
  guint i;

  memset (big, 'x', TODOKE_FAILURE_MAX_TEXT + 1);
  big[TODOKE_FAILURE_MAX_TEXT + 1] = '\0';
  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "text", "s", big);
  value = g_variant_ref_sink (g_variant_dict_end (&dict));
  g_assert_false (todoke_failure_parse (value, &failure, &error));
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS);
  g_clear_error (&error);
  g_clear_pointer (&value, g_variant_unref);

  /* Exactly at the limit is fine. */
  big[TODOKE_FAILURE_MAX_TEXT] = '\0';
  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "text", "s", big);
  value = g_variant_ref_sink (g_variant_dict_end (&dict));
  g_assert_true (todoke_failure_parse (value, &failure, &error));
  g_assert_no_error (error);
  todoke_failure_clear (&failure);
  g_clear_pointer (&value, g_variant_unref);

  for (i = 0; i <= TODOKE_FAILURE_MAX_RECIPIENTS; i++)
    g_variant_builder_add (builder, "s", "a@example.jp");
  many = g_variant_ref_sink (g_variant_builder_end (builder));
  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "text", "s", "550");
  g_variant_dict_insert_value (&dict, "recipients", many);
  value = g_variant_ref_sink (g_variant_dict_end (&dict));
  g_assert_false (todoke_failure_parse (value, &failure, &error));
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS);
}

static void
test_invalid_utf8 (void)
{
  /* Serialised by hand: a{sv} with "text" → "\xff\xfe", as a broken peer
   * could send it; GVariant from untrusted bytes. */
  static const char bad[] = "550 \xff\xfe";
  g_autoptr(GVariant) text = g_variant_new_from_data (G_VARIANT_TYPE_STRING, bad, sizeof bad,
                                                      FALSE, NULL, NULL);
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(TodokeFailure) failure = { 0 };
  GVariantDict dict;

  g_variant_ref_sink (text);
  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert_value (&dict, "text", text);
  value = g_variant_ref_sink (g_variant_dict_end (&dict));
  /* GVariant shows an invalid string as "": refused as empty. */
  g_assert_false (todoke_failure_parse (value, &failure, &error));
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/todoke-app/failure/table", test_table);
  g_test_add_func ("/todoke-app/failure/limits", test_limits);
  g_test_add_func ("/todoke-app/failure/invalid-utf8", test_invalid_utf8);

  return g_test_run ();
}

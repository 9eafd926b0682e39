/* test-message.c: todoke-message.c, charsets and broken MIME
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-error.h"
#include "todoke-message-private.h"
#include "todoke-test-utils.h"

/* 宛先不明です ("the address is unknown") in each Japanese encoding. */
#define JA_UTF8       "\xe5\xae\x9b\xe5\x85\x88\xe4\xb8\x8d\xe6\x98\x8e\xe3\x81\xa7\xe3\x81\x99"
#define JA_ISO2022JP  "\x1b\x24\x42\x30\x38\x40\x68\x49\x54\x4c\x40\x24\x47\x24\x39\x1b\x28\x42"
#define JA_SJIS       "\x88\xb6\x90\xe6\x95\x73\x96\xbe\x82\xc5\x82\xb7"
#define JA_EUCJP      "\xb0\xb8\xc0\xe8\xc9\xd4\xcc\xc0\xa4\xc7\xa4\xb9"

#define HEADERS \
  "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\n" \
  "To: sender@example.org\r\n" \
  "Subject: Returned mail\r\n"

static TodokeMessage *
parse_len (const char *text,
           gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);
  TodokeMessage *message = _todoke_message_parse (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (message);
  g_assert_true (g_utf8_validate (message->body, -1, NULL));
  g_assert_true (g_utf8_validate (message->subject, -1, NULL));
  g_assert_true (g_utf8_validate (message->from, -1, NULL));

  return message;
}

static TodokeMessage *
parse (const char *text)
{
  return parse_len (text, strlen (text));
}

static void
test_charsets (void)
{
  static const struct
  {
    const char *name;
    const char *text;
  } cases[] = {
    { "iso-2022-jp with MIME headers",
      HEADERS "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\n"
      "Content-Transfer-Encoding: 7bit\r\n\r\n550 " JA_ISO2022JP "\r\n" },
    { "iso-2022-jp without MIME headers",
      HEADERS "\r\n550 " JA_ISO2022JP "\r\n" },
    { "iso-2022-jp labelled us-ascii",
      HEADERS "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n550 " JA_ISO2022JP "\r\n" },
    { "shift_jis labelled",
      HEADERS "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=Shift_JIS\r\n"
      "Content-Transfer-Encoding: 8bit\r\n\r\n550 " JA_SJIS "\r\n" },
    { "shift_jis unlabelled",
      HEADERS "\r\n550 " JA_SJIS "\r\n" },
    { "euc-jp labelled",
      HEADERS "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=EUC-JP\r\n"
      "Content-Transfer-Encoding: 8bit\r\n\r\n550 " JA_EUCJP "\r\n" },
    { "utf-8 base64",
      HEADERS "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\nNTUwIOWum+WFiOS4jeaYjuOBp+OBmQ==\r\n" },
    { "shift_jis quoted-printable",
      HEADERS "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=shift_jis\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n\r\n550 =88=B6=90=E6=95s=96=BE=82=C5=82=B7\r\n" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TodokeMessage) message = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].name);
      message = parse (cases[i].text);
      g_assert_nonnull (strstr (message->body, "550 " JA_UTF8));
    }
}

static void
test_encoded_headers (void)
{
  g_autoptr(TodokeMessage) encoded = parse (
    "From: =?ISO-2022-JP?B?GyRCJWEhPCVrJTUhPCVQITwbKEI=?= <postmaster@example.jp>\r\n"
    "Subject: =?ISO-2022-JP?B?GyRCMDhAaElUTEAbKEI=?=\r\n"
    "\r\nbody\r\n");
  g_autoptr(TodokeMessage) raw = parse (
    "From: postmaster@example.jp\r\n"
    "Subject: " JA_SJIS " \xff\r\n"
    "\r\nbody\r\n");

  /* 宛先不明 and メールサーバ */
  g_assert_cmpstr (encoded->subject, ==, "\xe5\xae\x9b\xe5\x85\x88\xe4\xb8\x8d\xe6\x98\x8e");
  g_assert_nonnull (strstr (encoded->from, "\xe3\x83\xa1\xe3\x83\xbc\xe3\x83\xab"));
  g_assert_cmpstr (encoded->from_address, ==, "postmaster@example.jp");
  /* Raw 8-bit header bytes never reach the caller as invalid UTF-8. */
  g_assert_cmpuint (strlen (raw->subject), >, 0);
  g_assert_cmpstr (raw->from_address, ==, "postmaster@example.jp");
}

static void
test_mbox_from_line (void)
{
  g_autoptr(TodokeMessage) message = parse (
    "From MAILER-DAEMON Mon Mar  2 10:00:00 2026\n"
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "\n"
    "550 5.1.1 user unknown\n");

  g_assert_cmpstr (message->from, ==, "Mail Delivery System <MAILER-DAEMON@mx.example.net>");
  g_assert_cmpstr (message->from_address, ==, "mailer-daemon@mx.example.net");
  g_assert_cmpstr (message->subject, ==, "Undelivered Mail Returned to Sender");
  g_assert_nonnull (strstr (message->body, "550 5.1.1 user unknown"));
}

static const char report[] =
  HEADERS
  "MIME-Version: 1.0\r\n"
  "Content-Type: multipart/report; report-type=delivery-status; boundary=\"outer\"\r\n"
  "\r\n"
  "--outer\r\n"
  "Content-Type: text/plain\r\n"
  "\r\n"
  "The report: 550 5.1.1 unknown user\r\n"
  "--outer\r\n"
  "Content-Type: message/delivery-status\r\n"
  "\r\n"
  "Reporting-MTA: dns; mx.example.net\r\n"
  "\r\n"
  "Final-Recipient: rfc822; taro@example.jp\r\n"
  "Status: 5.1.1\r\n"
  "--outer\r\n"
  "Content-Type: message/rfc822\r\n"
  "\r\n"
  "From: sender@example.org\r\n"
  "To: Taro <taro@example.jp>\r\n"
  "Subject: Lunch\r\n"
  "\r\n"
  "The original body must not be read as the report.\r\n"
  "--outer--\r\n";

static void
test_report_parts (void)
{
  g_autoptr(TodokeMessage) message = parse (report);
  g_autofree char *to = _todoke_message_dup_original_header (message, "To");
  g_autofree char *missing = _todoke_message_dup_original_header (message, "X-None");

  g_assert_true (message->has_report);
  g_assert_cmpuint (message->dsn_parts->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (message->dsn_parts, 0), "Final-Recipient"));
  g_assert_nonnull (message->original);
  g_assert_cmpstr (to, ==, "Taro <taro@example.jp>");
  g_assert_null (missing);
  g_assert_nonnull (strstr (message->body, "The report: 550 5.1.1"));
  g_assert_null (strstr (message->body, "original body"));
  g_assert_cmpstr (_todoke_message_get_header (message, "To"), ==, "sender@example.org");
}

static void
test_rfc822_headers (void)
{
  g_autoptr(TodokeMessage) message = parse (
    HEADERS
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/report; report-type=feedback-report; boundary=\"b\"\r\n"
    "\r\n"
    "--b\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "This is an abuse report.\r\n"
    "--b\r\n"
    "Content-Type: message/feedback-report\r\n"
    "\r\n"
    "Feedback-Type: abuse\r\n"
    "--b\r\n"
    "Content-Type: text/rfc822-headers\r\n"
    "\r\n"
    "From: sender@example.org\r\n"
    "To: complainer@example.com\r\n"
    "--b--\r\n");
  g_autofree char *to = _todoke_message_dup_original_header (message, "To");

  g_assert_null (message->original);
  g_assert_nonnull (message->original_headers);
  g_assert_cmpstr (to, ==, "complainer@example.com");
  g_assert_nonnull (message->feedback_report);
  g_assert_nonnull (strstr (message->feedback_report, "Feedback-Type: abuse"));
}

static void
test_html_only (void)
{
  g_autoptr(TodokeMessage) message = parse (
    HEADERS
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<html><head><style>p { color: red; }</style><script>var x = 1;</script></head>\r\n"
    "<body><p>Delivery failed:</p><div>550&nbsp;5.1.1 &lt;taro@example.jp&gt; User&nbsp;unknown</div>"
    "<br>&amp; more</body></html>\r\n");

  g_assert_nonnull (strstr (message->body, "550 5.1.1 <taro@example.jp> User unknown"));
  g_assert_nonnull (strstr (message->body, "Delivery failed:"));
  g_assert_nonnull (strstr (message->body, "& more"));
  g_assert_null (strstr (message->body, "<p>"));
  g_assert_null (strstr (message->body, "color: red"));
  g_assert_null (strstr (message->body, "var x"));
}

/* Text parts win over an HTML copy of the same report. */
static void
test_html_alternative (void)
{
  g_autoptr(TodokeMessage) message = parse (
    HEADERS
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/alternative; boundary=\"alt\"\r\n"
    "\r\n"
    "--alt\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "plain words\r\n"
    "--alt\r\n"
    "Content-Type: text/html\r\n"
    "\r\n"
    "<p>html words</p>\r\n"
    "--alt--\r\n");

  g_assert_nonnull (strstr (message->body, "plain words"));
  g_assert_null (strstr (message->body, "html words"));
}

static void
test_broken_mime (void)
{
  static const struct
  {
    const char *name;
    const char *text;
    const char *body_has;   /* NULL: only "no crash, valid UTF-8" */
  } cases[] = {
    { "missing boundary parameter",
      HEADERS "MIME-Version: 1.0\r\nContent-Type: multipart/report\r\n\r\n"
      "--x\r\nContent-Type: text/plain\r\n\r\n550 5.1.1 gone\r\n--x--\r\n", NULL },
    { "boundary never used",
      HEADERS "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"nowhere\"\r\n\r\n"
      "550 5.1.1 gone\r\n", NULL },
    { "unterminated multipart",
      HEADERS "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
      "--b\r\nContent-Type: text/plain\r\n\r\n550 5.1.1 gone\r\n--b\r\nContent-Type: text/plain\r\n\r\nmore",
      "550 5.1.1 gone" },
    { "empty multipart",
      HEADERS "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b--\r\n", NULL },
    { "unknown transfer encoding",
      HEADERS "MIME-Version: 1.0\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: x-wrong\r\n\r\n"
      "550 5.1.1 gone\r\n", "550 5.1.1 gone" },
    { "broken base64",
      HEADERS "MIME-Version: 1.0\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
      "!!!! not base64 ####\r\n", NULL },
    { "invalid charset name",
      HEADERS "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=\"x-\xff\xfe\"\r\n\r\n"
      "550 5.1.1 gone \xff\r\n", "550 5.1.1 gone" },
    { "header without body",
      HEADERS, NULL },
    { "no headers at all",
      "just some words\r\nand more words\r\n", NULL },
    { "lf only",
      "From: a@example.jp\nSubject: x\n\n550 5.1.1 gone\n", "550 5.1.1 gone" },
    { "cr only",
      "From: a@example.jp\rSubject: x\r\r550 5.1.1 gone\r", NULL },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = todoke_test_bytes (cases[i].text);
      g_autoptr(TodokeMessage) message = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].name);
      message = _todoke_message_parse (bytes, &error);
      if (message == NULL)
        {
          g_assert_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT);
          g_assert_null (cases[i].body_has);
          continue;
        }
      g_assert_no_error (error);
      g_assert_true (g_utf8_validate (message->body, -1, NULL));
      if (cases[i].body_has != NULL)
        g_assert_nonnull (strstr (message->body, cases[i].body_has));
    }
}

/* A text part holding @words under @depth levels of multipart/mixed. */
static TodokeMessage *
parse_nested (guint       depth,
              const char *words)
{
  g_autoptr(GString) text = g_string_new (HEADERS "MIME-Version: 1.0\r\n");
  guint i;

  for (i = 0; i < depth; i++)
    g_string_append_printf (text, "Content-Type: multipart/mixed; boundary=\"b%u\"\r\n\r\n--b%u\r\n", i, i);
  g_string_append_printf (text, "Content-Type: text/plain\r\n\r\n%s\r\n", words);
  for (i = depth; i > 0; i--)
    g_string_append_printf (text, "--b%u--\r\n", i - 1);

  return parse (text->str);
}

/* Nesting deeper than TODOKE_MAX_MIME_DEPTH is not walked. */
static void
test_deep_nesting (void)
{
  g_autoptr(TodokeMessage) message = parse_nested (200, "deep words");

  g_assert_null (strstr (message->body, "deep words"));
}

/* Nesting just within the limit is still read. */
static void
test_shallow_nesting (void)
{
  g_autoptr(TodokeMessage) message = parse_nested (TODOKE_MAX_MIME_DEPTH - 1, "shallow words");

  g_assert_nonnull (strstr (message->body, "shallow words"));
}

static void
test_too_many_parts (void)
{
  g_autoptr(GString) text = g_string_new (HEADERS "MIME-Version: 1.0\r\n"
                                          "Content-Type: multipart/mixed; boundary=\"p\"\r\n\r\n");
  g_autoptr(TodokeMessage) message = NULL;
  guint i;

  for (i = 0; i < 2000; i++)
    g_string_append_printf (text, "--p\r\nContent-Type: text/plain\r\n\r\nwords of part %04u\r\n", i);
  g_string_append (text, "--p--\r\n");

  message = parse (text->str);
  g_assert_nonnull (strstr (message->body, "words of part 0000"));
  g_assert_null (strstr (message->body, "words of part 1999"));
  g_assert_null (strstr (message->body, "words of part 0300"));
}

/* A huge text part is cut, not refused. */
static void
test_huge_part (void)
{
  g_autoptr(GString) text = g_string_new (HEADERS "\r\n550 5.1.1 first line\r\n");
  g_autoptr(TodokeMessage) message = NULL;

  while (text->len < 4 * TODOKE_MAX_TEXT_LENGTH)
    g_string_append (text, "filler filler filler filler filler filler filler filler\r\n");

  message = parse (text->str);
  g_assert_true (g_str_has_prefix (message->body, "550 5.1.1 first line"));
  g_assert_cmpuint (strlen (message->body), <=, TODOKE_MAX_TEXT_LENGTH + 1);
}

static void
test_empty_and_binary (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) empty = g_bytes_new ("", 0);
  g_autoptr(TodokeMessage) from_empty = _todoke_message_parse (empty, &error);
  guint8 binary[4096];
  guint32 seed = 7;
  gsize i;

  if (from_empty == NULL)
    g_assert_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT);
  else
    g_assert_cmpstr (from_empty->body, ==, "");
  g_clear_error (&error);

  /* Bytes of every value, NULs included, in a fixed pseudo-random order. */
  for (i = 0; i < sizeof binary; i++)
    {
      seed = seed * 1103515245 + 12345;
      binary[i] = (guint8) (seed >> 16);
    }
  {
    g_autoptr(GBytes) bytes = g_bytes_new (binary, sizeof binary);
    g_autoptr(TodokeMessage) message = _todoke_message_parse (bytes, &error);

    if (message == NULL)
      g_assert_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT);
    else
      {
        g_assert_true (g_utf8_validate (message->body, -1, NULL));
        g_assert_true (g_utf8_validate (message->subject, -1, NULL));
      }
  }
  {
    g_autoptr(TodokeMessage) message = parse_len (HEADERS "\r\n550 a\0b 5.1.1\r\n", strlen (HEADERS) + 17);

    g_assert_true (g_str_has_prefix (message->body, "550 a"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_func ("/todoke/message/charsets", test_charsets);
  g_test_add_func ("/todoke/message/encoded-headers", test_encoded_headers);
  g_test_add_func ("/todoke/message/mbox-from-line", test_mbox_from_line);
  g_test_add_func ("/todoke/message/report-parts", test_report_parts);
  g_test_add_func ("/todoke/message/rfc822-headers", test_rfc822_headers);
  g_test_add_func ("/todoke/message/html-only", test_html_only);
  g_test_add_func ("/todoke/message/html-alternative", test_html_alternative);
  g_test_add_func ("/todoke/message/broken-mime", test_broken_mime);
  g_test_add_func ("/todoke/message/deep-nesting", test_deep_nesting);
  g_test_add_func ("/todoke/message/shallow-nesting", test_shallow_nesting);
  g_test_add_func ("/todoke/message/too-many-parts", test_too_many_parts);
  g_test_add_func ("/todoke/message/huge-part", test_huge_part);
  g_test_add_func ("/todoke/message/empty-and-binary", test_empty_and_binary);

  return g_test_run ();
}

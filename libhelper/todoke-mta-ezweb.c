/* todoke-mta-ezweb.c: the "Mail System Error - Returned Mail" notices of
 * au (KDDI's mobile mail, ezweb.ne.jp and au.com)
 *
 * The notice opens with a few Japanese lines (ISO-2022-JP, sometimes
 * without MIME headers), then English sentences about the failure, and the
 * recipients in one of several shapes:
 *
 *   次のあて先へのメッセージはエラーのため送信できませんでした。
 *   送信先メールアドレスが見つかりませんでした。
 *
 *   The user(s) account is disabled.
 *
 *   <taro@ezweb.ne.jp>: 550 user unknown (in reply to RCPT TO command)
 *
 * or "Recipient: <taro@ezweb.ne.jp>" followed by the session (">>> RCPT
 * TO:<…>", "<<< 550 …"), or a bare "<taro@ezweb.ne.jp>" under "The
 * following recipients did not receive this message:". A line of dashes
 * starts the returned message. Every sentence is kept: the reason is in
 * them (the account is disabled, the domain filter refused, the host did
 * not answer). Other sites running Netscape (iPlanet, Sun) Messaging
 * Server send the same notice, which opens with "This Message was
 * undeliverable due to the following reason:"; it is read the same way.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-providers-private.h"
#include "todoke-text-private.h"

#define MAX_TEXT 2048

static gboolean
is_ezweb (TodokeMessage *message)
{
  const char *domain = _todoke_text_address_domain (message->from_address);

  /* The template of Netscape (later iPlanet, Sun) Messaging Server, which
   * au's notices come from, written the same way by other sites. */
  if (_todoke_mta_body_has (message, "This Message was undeliverable due to the following reason:", 512))
    return TRUE;
  if (domain == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (domain, "ezweb.ne.jp") != 0 && g_ascii_strcasecmp (domain, "au.com") != 0 &&
      !_todoke_text_host_matches (domain, "ezweb.ne.jp"))
    return FALSE;

  return _todoke_mta_has_prefix (message->subject, strlen (message->subject), "Mail System Error") ||
         _todoke_mta_header_has (message, "Received", "EZweb Mail");
}

/* "<taro@ezweb.ne.jp>", "<taro@ezweb.ne.jp>: reply" or "Recipient: <…>":
 * the address, and where the text after it starts. */
static char *
recipient_of (const char  *line,
              gsize        length,
              const char **rest)
{
  const char *p = line;
  const char *end = NULL;
  char *address;

  if (_todoke_mta_has_prefix (p, length, "Recipient:"))
    {
      p += 10;
      length -= 10;
      while (length > 0 && *p == ' ')
        {
          p++;
          length--;
        }
    }
  /* A bare address alone on its line. */
  if (length > 3 && p[0] != '<' && (address = _todoke_text_find_address (p, length, &end)) != NULL)
    {
      if (end == p + length && (gsize) (end - p) == strlen (address))
        {
          *rest = end;
          return address;
        }
      g_free (address);
      return NULL;
    }
  if (length < 3 || p[0] != '<' || !g_ascii_isalnum (p[1]))
    return NULL;
  address = _todoke_text_find_address (p, length, &end);
  if (address == NULL || end >= p + length || *end != '>')
    {
      g_free (address);
      return NULL;
    }
  end++;
  while (end < p + length && (*end == ':' || *end == ' '))
    end++;
  *rest = end;

  return address;
}

/* Each recipient's diagnostic: the sentences, then what its server said. */
static void
finish (TodokeRecord *record,
        const char   *reply,
        const char   *sentences)
{
  g_autofree char *server = g_strdup (*reply != '\0' ? reply : record->diagnostic);

  _todoke_record_set_diagnostic (record, sentences);
  _todoke_record_append_diagnostic (record, server);
  _todoke_mta_fill_from_text (record, reply);
}

gboolean
_todoke_mta_read_ezweb (TodokeMessage *message,
                        TodokeRecords *records)
{
  g_autofree char *report = NULL;
  g_autoptr(GString) sentences = g_string_new (NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GPtrArray) replies = g_ptr_array_new_with_free_func (g_free);
  TodokeRecord *current = NULL;
  TodokeMtaDialogue dialogue = { 0 };
  gboolean failed = FALSE;
  GString *reply = NULL;
  gboolean in_reply = FALSE;
  g_auto(TodokeMtaLines) lines = { 0 };
  char *line;
  gsize length;
  guint i;

  if (!is_ezweb (message))
    return FALSE;

  report = _todoke_mta_cut_original (message->body);
  _todoke_mta_lines_init (&lines, report);
  while (_todoke_mta_lines_next (&lines, &line, &length))
    {
      const char *text = _todoke_mta_trim (line, &length);
      const char *rest = NULL;
      g_autofree char *address = NULL;

      if (length >= 10 && strspn (text, "-") == length)
        break;
      if ((address = recipient_of (text, length, &rest)) != NULL)
        {
          if (current != NULL)
            g_ptr_array_add (replies, g_string_free (reply, FALSE));
          reply = NULL;
          in_reply = FALSE;
          current = _todoke_mta_record_for (records, address);
          _todoke_mta_dialogue_reset (&dialogue);
          failed = FALSE;
          /* A recipient named twice is read once. */
          if (current != NULL && g_ptr_array_find (found, current, NULL))
            current = NULL;
          if (current == NULL)
            continue;
          g_ptr_array_add (found, current);
          reply = g_string_new (NULL);
          g_string_append_len (reply, rest, text + length - rest);
          in_reply = reply->len > 0;
          continue;
        }
      if (current != NULL && length > 4 && g_str_has_prefix (text, ">>> "))
        {
          _todoke_mta_dialogue_sent (&dialogue, text + 4);
          in_reply = FALSE;
        }
      else if (current != NULL && length > 4 && g_str_has_prefix (text, "<<< "))
        {
          TodokeCommand answered = _todoke_mta_dialogue_reply (&dialogue, text + 4);

          in_reply = !failed;
          if (failed)
            continue;
          current->command = answered;
          failed = _todoke_mta_is_final_failure (text + 4);
          _todoke_mta_append_words (reply, text + 4, length - 4, MAX_TEXT);
        }
      else if (length == 0)
        in_reply = FALSE;
      else if (in_reply && current != NULL)
        _todoke_mta_append_words (reply, text, length, MAX_TEXT);
      else
        _todoke_mta_append_words (sentences, text, length, MAX_TEXT);
    }
  if (current != NULL)
    g_ptr_array_add (replies, g_string_free (reply, FALSE));

  for (i = 0; i < found->len; i++)
    finish (g_ptr_array_index (found, i), g_ptr_array_index (replies, i), sentences->str);

  return found->len > 0;
}

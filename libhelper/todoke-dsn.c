/* todoke-dsn.c: RFC 3464 / 6533 delivery-status fields
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-dsn-private.h"
#include "todoke-fields-private.h"
#include "todoke-recipient-private.h"
#include "todoke-text-private.h"

#define TODOKE_DSN_MAX_RECIPIENTS 1000

/* "smtp; 550 5.1.1 <a@b>... User unknown" -> reply code, status, words. */
void
_todoke_dsn_apply_diagnostic (TodokeRecord *record,
                              const char   *value)
{
  const char *semi;
  const char *space;
  const char *text = value;
  const char *where = NULL;
  char status[16];
  guint code;

  if (value == NULL || *value == '\0')
    return;

  semi = strchr (value, ';');
  space = strchr (value, ' ');
  if (semi != NULL && semi - value < 16 && (space == NULL || space > semi))
    {
      if (g_ascii_strncasecmp (value, "x-unix", 6) == 0)
        record->hint = g_intern_static_string ("x-unix");
      text = semi + 1;
    }
  while (*text == ' ' || *text == '\t')
    text++;

  _todoke_record_set_diagnostic (record, text);
  if (record->diagnostic == NULL)
    return;

  code = _todoke_text_find_reply_code (record->diagnostic, MIN (strlen (record->diagnostic), 200), &where);
  if (code != 0 && record->reply_code == 0)
    record->reply_code = code;
  if (record->status[0] == '\0' &&
      _todoke_text_find_status (record->diagnostic, -1, status, NULL))
    memcpy (record->status, status, strlen (status) + 1);
}

static char *
host_of (const char *value)
{
  const char *semi;
  g_autofree char *host = NULL;

  if (value == NULL)
    return NULL;
  semi = strchr (value, ';');
  host = g_strstrip (g_strdup (semi != NULL ? semi + 1 : value));
  /* "mx.example.jp [192.0.2.1]" or "[192.0.2.1]": keep the name if there is one. */
  if (host[0] == '[')
    {
      char *close = strchr (host, ']');

      if (close != NULL)
        *close = '\0';
      return g_ascii_strdown (host + 1, -1);
    }
  host[strcspn (host, " \t([")] = '\0';
  /* "mx.example.jp." is written absolute, as DNS does. */
  if (host[0] != '\0' && host[strlen (host) - 1] == '.')
    host[strlen (host) - 1] = '\0';
  if (host[0] == '\0')
    return NULL;

  return g_ascii_strdown (host, -1);
}

/* "Status: 4.0.0 (example.net: host name lookup failure)": the comment is
 * all some writers say about a recipient; the names of the status classes
 * ("permanent failure", "other or undefined …") say nothing more. */
static const char *
status_comment (const char *status,
                gsize      *length)
{
  static const char * const generic[] = {
    "permanent failure", "temporary failure", "persistent transient failure", "transient failure",
    "other or undefined", "success", "delivered", NULL
  };
  const char *open;
  const char *close;
  guint i;

  if (status == NULL || (open = strchr (status, '(')) == NULL ||
      (close = strrchr (open, ')')) == NULL || close - open < 4)
    return NULL;
  open++;
  for (i = 0; generic[i] != NULL; i++)
    if (g_ascii_strncasecmp (open, generic[i], strlen (generic[i])) == 0)
      return NULL;
  *length = close - open;

  return open;
}

/* RFC 6533 "utf-8; 太郎@例え.jp": an address that may be all non-ASCII,
 * which the free-text address finder leaves alone on purpose. */
static char *
recipient_address (const char *value)
{
  g_autofree char *unwrapped = NULL;
  char *address;

  if (g_ascii_strncasecmp (value, "utf-8;", 6) == 0)
    {
      const char *start = value + 6;
      gsize n;

      while (*start == ' ' || *start == '\t' || *start == '<')
        start++;
      n = strcspn (start, "> \t\r\n");
      if (n > 2 && memchr (start, '@', n) != NULL && g_utf8_validate (start, n, NULL))
        return g_ascii_strdown (start, n);
    }

  address = _todoke_text_clean_address (value);
  unwrapped = _todoke_recipient_unwrap (address);
  if (unwrapped != NULL)
    {
      g_free (address);
      return g_steal_pointer (&unwrapped);
    }

  return address;
}

/* "rfc822;|/usr/bin/program addr": delivery to a program, which failed. */
static gboolean
is_program (const char *recipient)
{
  const char *value = strchr (recipient, ';');

  value = value != NULL ? value + 1 : recipient;
  while (*value == ' ' || *value == '\t')
    value++;

  return *value == '|';
}

/* RFC 3464 2.3.1: Original-Recipient is the address as the sender gave
 * it, when the MTA that first received the message knew it ("rfc822;" or
 * "utf-8;" types only); NULL otherwise. */
static char *
original_address (const char *value)
{
  if (value == NULL || strchr (value, ';') == NULL)
    return NULL;
  while (*value == ' ' || *value == '\t')
    value++;
  if (g_ascii_strncasecmp (value, "rfc822", 6) != 0 && g_ascii_strncasecmp (value, "utf-8", 5) != 0)
    return NULL;

  return recipient_address (value);
}

/* Final-Recipient: an "rfc822;" or "utf-8;" address, or one of another
 * type ("LOCAL;", "X-Notes;") only when it is an Internet address with a
 * dotted domain: "X-Notes; Taro Yamada/Tokyo/Example@Example" is none. */
static char *
typed_final_address (const char *value)
{
  const char *semicolon = strchr (value, ';');
  const char *type = value;
  char *address;
  const char *at;

  while (*type == ' ' || *type == '\t')
    type++;
  address = recipient_address (value);
  if (semicolon == NULL || address == NULL ||
      g_ascii_strncasecmp (type, "rfc822", 6) == 0 || g_ascii_strncasecmp (type, "utf-8", 5) == 0)
    return address;
  at = strrchr (address, '@');
  if (at == NULL || strchr (at, '.') == NULL || strchr (address, '/') != NULL)
    g_clear_pointer (&address, g_free);

  return address;
}

static char *
without_quotes (const char *address)
{
  GString *out;

  if (address == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (; *address; address++)
    if (*address != '"')
      g_string_append_c (out, *address);

  return g_string_free (out, FALSE);
}

/* The recipient is the address the user wrote: Original-Recipient when
 * the report has it, else Final-Recipient; a different Final-Recipient
 * (the address an alias or forward made of it) is kept beside it. */
static void
take_recipients (TodokeRecord *record,
                 GPtrArray    *fields)
{
  const char *final = _todoke_fields_get (fields, "Final-Recipient");
  g_autofree char *original = original_address (_todoke_fields_get (fields, "Original-Recipient"));
  g_autofree char *final_address = NULL;

  if (final == NULL)
    final = _todoke_fields_get (fields, "X-Actual-Recipient");
  if (final != NULL)
    final_address = typed_final_address (final);
  if (original != NULL)
    {
      g_autofree char *bare_original = without_quotes (original);
      g_autofree char *bare_final = without_quotes (final_address);

      /* The same address, quoted as RFC 5321 wants in one field only. */
      if (g_strcmp0 (bare_original, bare_final) == 0)
        {
          record->recipient = g_steal_pointer (&final_address);
          return;
        }
      record->recipient = g_steal_pointer (&original);
      record->final_recipient = g_steal_pointer (&final_address);
      return;
    }
  record->recipient = final_address != NULL ? g_steal_pointer (&final_address) : g_strdup ("");
}

static TodokeRecord *
record_from_fields (GPtrArray  *fields,
                    const char *reporting_mta)
{
  const char *recipient = _todoke_fields_get (fields, "Final-Recipient");
  const char *value;
  TodokeRecord *record;
  gsize length = 0;

  if (recipient == NULL)
    recipient = _todoke_fields_get (fields, "Original-Recipient");
  if (recipient == NULL)
    recipient = _todoke_fields_get (fields, "X-Actual-Recipient");
  if (recipient == NULL)
    return NULL;

  record = _todoke_record_new ();
  take_recipients (record, fields);
  if ((value = _todoke_fields_get (fields, "Action")) != NULL)
    {
      record->action = g_ascii_strdown (value, -1);
      record->action[strcspn (record->action, " \t(;")] = '\0';
    }
  _todoke_record_take_status (record, _todoke_fields_get (fields, "Status"));
  record->remote_host = host_of (_todoke_fields_get (fields, "Remote-MTA"));
  record->reporting_mta = host_of (reporting_mta);
  _todoke_dsn_apply_diagnostic (record, _todoke_fields_get (fields, "Diagnostic-Code"));
  if (record->diagnostic == NULL &&
      (value = status_comment (_todoke_fields_get (fields, "Status"), &length)) != NULL)
    {
      g_autofree char *comment = g_strndup (value, length);

      _todoke_record_set_diagnostic (record, comment);
    }
  if (record->hint == NULL && is_program (recipient))
    record->hint = g_intern_static_string ("x-unix");

  return record;
}

static gboolean
is_recipient_field (const char *name)
{
  return g_ascii_strcasecmp (name, "Final-Recipient") == 0 ||
         g_ascii_strcasecmp (name, "Original-Recipient") == 0 ||
         g_ascii_strcasecmp (name, "X-Actual-Recipient") == 0;
}

/* One block of fields may hold several recipients when its writer left out
 * the blank lines between them: a recipient field that the block already
 * has starts the next recipient. */
static void
read_block (GPtrArray  *block,
            const char *reporting,
            GPtrArray  *records)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  guint i;

  for (i = 0; i <= block->len; i++)
    {
      TodokeField *field = i < block->len ? g_ptr_array_index (block, i) : NULL;
      TodokeRecord *record;

      if (field != NULL &&
          (!is_recipient_field (field->name) || _todoke_fields_get (one, field->name) == NULL))
        {
          g_ptr_array_add (one, field);
          continue;
        }
      if ((record = record_from_fields (one, reporting)) != NULL)
        g_ptr_array_add (records, record);
      g_ptr_array_set_size (one, 0);
      if (field != NULL)
        g_ptr_array_add (one, field);
      if (records->len > TODOKE_DSN_MAX_RECIPIENTS)
        return;
    }
}

static gboolean
has_recipient_field (GPtrArray *fields)
{
  guint i;

  for (i = 0; i < fields->len; i++)
    if (is_recipient_field (((TodokeField *) g_ptr_array_index (fields, i))->name))
      return TRUE;

  return FALSE;
}

/* Reads the fields of one delivery-status text: a per-message block, then
 * one block per recipient. */
static void
read_fields (const char *rest,
             GPtrArray  *records)
{
  g_autofree char *reporting = NULL;
  guint blocks = 0;

  while (rest != NULL && *rest && blocks++ < 2 * TODOKE_DSN_MAX_RECIPIENTS)
    {
      g_autoptr(GPtrArray) block = _todoke_fields_parse (rest, TRUE, &rest);
      const char *value;

      if (block->len == 0)
        break;
      if (reporting == NULL && (value = _todoke_fields_get (block, "Reporting-MTA")) != NULL)
        reporting = g_strdup (value);
      if (has_recipient_field (block))
        read_block (block, reporting, records);
      if (records->len > TODOKE_DSN_MAX_RECIPIENTS)
        break;
    }
}

static gboolean
is_dsn_field_name (const char *line,
                   gsize       length)
{
  static const char * const names[] = {
    "Reporting-MTA", "DSN-Gateway", "Received-From-MTA", "Arrival-Date",
    "Original-Envelope-Id", "Original-Recipient", "Final-Recipient", "Action",
    "Status", "Remote-MTA", "Diagnostic-Code", "Last-Attempt-Date", "Final-Log-ID",
    "Will-Retry-Until", "X-", NULL
  };
  gsize name_length;
  gsize colon;
  guint i;

  if (!_todoke_fields_is_field_line (line, length, &name_length, &colon))
    return FALSE;
  for (i = 0; names[i] != NULL; i++)
    if (g_ascii_strncasecmp (line, names[i], strlen (names[i])) == 0 &&
        (names[i][strlen (names[i]) - 1] == '-' || name_length == strlen (names[i])))
      return TRUE;

  return FALSE;
}

/* Some reports carry the delivery-status fields in their text: a report
 * that is not multipart/report, or one whose parts its writer broke. Finds
 * them and returns a copy of the run of field lines, or NULL. */
static char *
find_inline_fields (const char *body)
{
  const char *start = NULL;
  const char *p = body;
  const char *end = NULL;
  gboolean recipient = FALSE;
  gboolean state = FALSE;

  while (p != NULL && *p)
    {
      const char *eol = strchr (p, '\n');
      gsize length = eol != NULL ? (gsize) (eol - p) : strlen (p);
      gboolean blank;

      if (length > 0 && p[length - 1] == '\r')
        length--;
      blank = strspn (p, " \t") == length;
      if (is_dsn_field_name (p, length))
        {
          if (start == NULL)
            start = p;
          if (g_ascii_strncasecmp (p, "Final-Recipient", 15) == 0)
            recipient = TRUE;
          else if (g_ascii_strncasecmp (p, "Action", 6) == 0 || g_ascii_strncasecmp (p, "Status", 6) == 0)
            state = TRUE;
        }
      else if (start != NULL && !blank && p[0] != ' ' && p[0] != '\t')
        {
          if (recipient && state)
            {
              end = p;
              break;
            }
          start = NULL;
          recipient = state = FALSE;
        }
      p = eol != NULL ? eol + 1 : NULL;
    }

  if (start == NULL || !recipient || !state)
    return NULL;

  return end != NULL ? g_strndup (start, end - start) : g_strdup (start);
}

/* Reads every delivery-status part into records, or the delivery-status
 * fields a report carries in its text; FALSE if none held a recipient. */
gboolean
_todoke_dsn_extract (TodokeMessage *message,
                     GPtrArray     *records)
{
  guint before = records->len;
  guint i;

  for (i = 0; i < message->dsn_parts->len; i++)
    read_fields (g_ptr_array_index (message->dsn_parts, i), records);

  if (records->len == before && message->body != NULL)
    {
      g_autofree char *fields = find_inline_fields (message->body);

      if (fields != NULL)
        read_fields (fields, records);
    }
  if (records->len - before > TODOKE_DSN_MAX_RECIPIENTS)
    g_ptr_array_set_size (records, before + TODOKE_DSN_MAX_RECIPIENTS);

  return records->len > before;
}

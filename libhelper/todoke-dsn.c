/* todoke-dsn.c: RFC 3464 / 6533 delivery-status fields
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-dsn-private.h"
#include "todoke-text-private.h"

#define TODOKE_DSN_MAX_RECIPIENTS 1000

static void
field_free (TodokeField *field)
{
  g_free (field->name);
  g_free (field->value);
  g_free (field);
}

/* "Name: value", and the "Name : value" some writers use. */
static gboolean
is_field_name (const char *line,
               gsize       length,
               gsize      *name_length,
               gsize      *colon)
{
  gsize i;

  for (i = 0; i < length; i++)
    {
      char c = line[i];

      if (c == ':' || c == ' ' || c == '\t')
        break;
      if (!g_ascii_isalnum (c) && c != '-' && c != '_')
        return FALSE;
    }
  if (i == 0)
    return FALSE;
  *name_length = i;
  while (i < length && i - *name_length < 4 && (line[i] == ' ' || line[i] == '\t'))
    i++;
  if (i >= length || line[i] != ':')
    return FALSE;
  *colon = i;

  return TRUE;
}

/* "550-…", "550 …": three digits, then a dash or a space. */
static gboolean
starts_reply_line (const char *p,
                   gsize       length)
{
  return length >= 4 && g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) &&
         g_ascii_isdigit (p[2]) && (p[3] == '-' || p[3] == ' ');
}

/* Reads "Name: value" lines, unfolding continuation lines. With
 * @stop_at_blank, stops at the first empty line and points @rest after it. */
GPtrArray *
_todoke_fields_parse (const char  *text,
                      gboolean     stop_at_blank,
                      const char **rest)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  TodokeField *current = NULL;
  GString *value = g_string_new (NULL);
  const char *p = text;

  while (p != NULL && *p)
    {
      const char *eol = strchr (p, '\n');
      gsize length = eol != NULL ? (gsize) (eol - p) : strlen (p);
      const char *next = eol != NULL ? eol + 1 : p + length;
      gsize colon = 0;
      gsize name_length = 0;

      if (length > 0 && p[length - 1] == '\r')
        length--;

      if (length == 0 || strspn (p, " \t") == length)
        {
          if (stop_at_blank && fields->len > 0)
            {
              p = next;
              break;
            }
        }
      else if ((p[0] == ' ' || p[0] == '\t') && current != NULL)
        {
          gsize blank = strspn (p, " \t");

          /* Folding is not the server's: one space, unless the folded line
           * is the next line of a multi-line reply ("550-5.1.1 …"). */
          g_string_append_c (value, starts_reply_line (p + blank, length - blank) ? '\n' : ' ');
          g_string_append_len (value, p + blank, length - blank);
        }
      else if (is_field_name (p, length, &name_length, &colon))
        {
          if (current != NULL)
            current->value = g_strstrip (g_strdup (value->str));
          current = g_new0 (TodokeField, 1);
          current->name = g_strndup (p, name_length);
          g_ptr_array_add (fields, current);
          g_string_assign (value, "");
          g_string_append_len (value, p + colon + 1, length - colon - 1);
        }
      p = next;
    }

  if (current != NULL)
    current->value = g_strstrip (g_strdup (value->str));
  g_string_free (value, TRUE);
  if (rest != NULL)
    *rest = p;

  return fields;
}

const char *
_todoke_fields_get (GPtrArray  *fields,
                    const char *name)
{
  guint i;

  for (i = 0; i < fields->len; i++)
    {
      TodokeField *field = g_ptr_array_index (fields, i);

      if (g_ascii_strcasecmp (field->name, name) == 0)
        return field->value;
    }

  return NULL;
}

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

  return _todoke_text_clean_address (value);
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
  record->recipient = recipient_address (recipient);
  if (record->recipient == NULL)
    record->recipient = g_strdup ("");
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

  if (!is_field_name (line, length, &name_length, &colon))
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

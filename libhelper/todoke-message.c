/* todoke-message.c: a parsed message, reduced to what the parsers read
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-bytes-stream-private.h"
#include "todoke-error.h"
#include "todoke-fields-private.h"
#include "todoke-message-private.h"
#include "todoke-text-private.h"

typedef struct
{
  TodokeMessage *message;
  GString       *body;
  GString       *html;
  guint          parts;
  guint          unsplit;
} WalkState;

/* GMime's own path: a filter stream decodes into a memory stream. */
static char *
decode_with_wrapper (GMimeDataWrapper *content,
                     gsize             limit,
                     gsize            *length)
{
  GMimeStream *stream;
  GByteArray *array;

  array = g_byte_array_new ();
  stream = g_mime_stream_mem_new_with_byte_array (array);
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
  g_mime_data_wrapper_write_to_stream (content, stream);
  g_object_unref (stream);
  *length = MIN (array->len, limit);
  g_byte_array_set_size (array, *length + 1);
  array->data[*length] = '\0';

  return (char *) g_byte_array_free (array, FALSE);
}

/* A part's content, transfer-decoded, NUL-terminated. When the part lies
 * in the bytes we handed GMime, decode them in place with GMime's
 * incremental decoder: no stream or filter objects per part. */
static char *
part_bytes (GMimePart *part,
            gsize      limit,
            gsize     *length)
{
  GMimeDataWrapper *content = g_mime_part_get_content (part);
  GMimeContentEncoding encoding;
  GMimeStream *stream;
  const char *raw;
  gsize raw_length = 0;
  gsize n;
  char *out;

  *length = 0;
  if (content == NULL)
    return g_strdup ("");

  stream = g_mime_data_wrapper_get_stream (content);
  raw = stream != NULL ? _todoke_bytes_stream_peek (stream, &raw_length) : NULL;
  if (raw == NULL)
    return decode_with_wrapper (content, limit, length);

  /* Encoded text is at most about twice its decoded size. */
  raw_length = MIN (raw_length, limit * 2 + 4);
  encoding = g_mime_data_wrapper_get_encoding (content);
  switch (encoding)
    {
    case GMIME_CONTENT_ENCODING_BASE64:
    case GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE:
    case GMIME_CONTENT_ENCODING_UUENCODE:
      {
        GMimeEncoding state;

        g_mime_encoding_init_decode (&state, encoding);
        out = g_malloc (g_mime_encoding_outlen (&state, raw_length) + 1);
        n = g_mime_encoding_flush (&state, raw, raw_length, out);
      }
      break;
    case GMIME_CONTENT_ENCODING_DEFAULT:
    case GMIME_CONTENT_ENCODING_7BIT:
    case GMIME_CONTENT_ENCODING_8BIT:
    case GMIME_CONTENT_ENCODING_BINARY:
    default:
      out = g_malloc (raw_length + 1);
      memcpy (out, raw, raw_length);
      n = raw_length;
      break;
    }

  *length = MIN (n, limit);
  out[*length] = '\0';

  return out;
}

/* The part's text as valid UTF-8, whatever charset it declares or hides. */
static char *
part_text (GMimePart *part)
{
  g_autofree char *raw = NULL;
  gsize length;
  const char *charset;

  raw = part_bytes (part, TODOKE_MAX_TEXT_LENGTH, &length);
  charset = g_mime_object_get_content_type_parameter (GMIME_OBJECT (part), "charset");

  return _todoke_text_to_utf8_take (g_steal_pointer (&raw), length, charset);
}

static gboolean
is_returned_message (GMimeContentType *type)
{
  return g_mime_content_type_is_type (type, "message", "rfc822") ||
         g_mime_content_type_is_type (type, "message", "global") ||
         g_mime_content_type_is_type (type, "message", "news");
}

/* How much of @text is its header block: up to the first empty line. */
static gsize
header_block_length (const char *text,
                     gsize       length)
{
  gsize i;

  for (i = 0; i + 1 < length; i++)
    if (text[i] == '\n' &&
        (text[i + 1] == '\n' || (text[i + 1] == '\r' && i + 2 < length && text[i + 2] == '\n')))
      return i + 1;

  return length;
}

/* The header block of an attached message kept as a leaf part. */
static char *
part_header_block (GMimePart *part)
{
  g_autofree char *raw = NULL;
  gsize length;

  raw = part_bytes (part, TODOKE_MAX_TEXT_LENGTH, &length);
  length = header_block_length (raw, length);
  raw[length] = '\0';

  return _todoke_text_to_utf8_take (g_steal_pointer (&raw), length, "utf-8");
}

/* g_mime_init() counts its callers without a lock: two threads making
 * their first classifier at once could both set GMime up. Once only. */
void
_todoke_gmime_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_mime_init ();
      g_once_init_leave (&done, 1);
    }
}

/* Tells GMime to keep attached messages (`message/rfc822`, `message/global`,
 * `message/news`) as opaque parts instead of parsing them: libtodoke needs
 * only the headers of the message a bounce returns, and reads those itself
 * (part_header_block()). GMime keeps one table of part types for the whole
 * process, so this is done once and never undone; the classifier's
 * "read-originals" property documents what that means for its caller. */
void
_todoke_message_keep_originals_unparsed (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      _todoke_gmime_init ();
      g_mime_object_register_type ("message", "rfc822", GMIME_TYPE_PART);
      g_mime_object_register_type ("message", "global", GMIME_TYPE_PART);
      g_mime_object_register_type ("message", "news", GMIME_TYPE_PART);
      g_once_init_leave (&done, 1);
    }
}

/* Just enough HTML to text for reports that come only as HTML. */
static void
append_html_as_text (GString    *out,
                     const char *html)
{
  static const struct { const char *entity; const char *text; } entities[] = {
    { "&nbsp;", " " }, { "&lt;", "<" }, { "&gt;", ">" }, { "&amp;", "&" },
    { "&quot;", "\"" }, { "&#39;", "'" },
  };
  const char *p = html;

  while (*p)
    {
      if (*p == '<')
        {
          const char *close = strchr (p, '>');
          gboolean block = g_ascii_strncasecmp (p, "<br", 3) == 0 ||
                           g_ascii_strncasecmp (p, "<p", 2) == 0 ||
                           g_ascii_strncasecmp (p, "</p", 3) == 0 ||
                           g_ascii_strncasecmp (p, "<tr", 3) == 0 ||
                           g_ascii_strncasecmp (p, "<div", 4) == 0 ||
                           g_ascii_strncasecmp (p, "</div", 5) == 0 ||
                           g_ascii_strncasecmp (p, "<li", 3) == 0;

          if (g_ascii_strncasecmp (p, "<style", 6) == 0 || g_ascii_strncasecmp (p, "<script", 7) == 0)
            {
              const char *end = _todoke_text_strcasestr (p, p[1] == 's' && p[2] == 't' ? "</style" : "</script");

              close = end != NULL ? strchr (end, '>') : NULL;
            }
          if (close == NULL)
            break;
          g_string_append_c (out, block ? '\n' : ' ');
          p = close + 1;
          continue;
        }
      if (*p == '&')
        {
          gsize i;
          gboolean done = FALSE;

          for (i = 0; i < G_N_ELEMENTS (entities) && !done; i++)
            if (g_ascii_strncasecmp (p, entities[i].entity, strlen (entities[i].entity)) == 0)
              {
                g_string_append (out, entities[i].text);
                p += strlen (entities[i].entity);
                done = TRUE;
              }
          if (done)
            continue;
        }
      g_string_append_c (out, *p++);
    }
  g_string_append_c (out, '\n');
}

static void walk (WalkState   *state,
                  GMimeObject *object,
                  guint        depth);

/* The boundary a part list really uses: a line "--token" at the start of a
 * line, followed by a Content- header. NULL if there is none. */
static char *
find_boundary (const char *text)
{
  const char *p = text;

  while (p != NULL && *p)
    {
      const char *eol = strchr (p, '\n');
      gsize length = eol != NULL ? (gsize) (eol - p) : strlen (p);

      while (length > 0 && (p[length - 1] == '\r' || p[length - 1] == ' '))
        length--;
      if (length > 3 && length <= 72 && p[0] == '-' && p[1] == '-' &&
          strspn (p, "-") < length && memchr (p, ' ', length) == NULL &&
          eol != NULL && g_ascii_strncasecmp (eol + 1, "Content-", 8) == 0)
        return g_strndup (p + 2, length - 2);
      p = eol != NULL ? eol + 1 : NULL;
    }

  return NULL;
}

/* A multipart whose declared boundary never appears (its writer changed it,
 * or wrote none) holds everything in its prologue: split the prologue on the
 * boundary its parts really use, or else read it as plain text. */
static void
walk_unsplit (WalkState  *state,
              const char *prologue,
              guint       depth)
{
  g_autofree char *boundary = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  GMimeObject *part = NULL;
  GString *text;

  if (prologue == NULL || *prologue == '\0' || state->body->len >= TODOKE_MAX_TEXT_LENGTH ||
      state->unsplit >= 4)
    return;

  boundary = find_boundary (prologue);
  if (boundary == NULL)
    {
      g_autofree char *plain = _todoke_text_to_utf8 (prologue,
                                                     MIN (strlen (prologue), TODOKE_MAX_TEXT_LENGTH),
                                                     NULL);

      if (state->body->len > 0)
        g_string_append_c (state->body, '\n');
      g_string_append (state->body, plain);
      return;
    }

  text = g_string_new (NULL);
  g_string_append_printf (text, "Content-Type: multipart/mixed; boundary=\"%s\"\n\n", boundary);
  g_string_append_len (text, prologue, MIN (strlen (prologue), TODOKE_MAX_TEXT_LENGTH));
  stream = g_mime_stream_mem_new_with_buffer (text->str,
                                              _todoke_message_bounded_length (text->str, text->len,
                                                                              &state->message->truncated));
  g_string_free (text, TRUE);
  parser = g_mime_parser_new_with_stream (stream);
  part = g_mime_parser_construct_part (parser, NULL);
  if (part == NULL)
    return;
  /* The message keeps the new parts alive: the returned original found in
   * them is borrowed like any other. */
  key = g_strdup_printf ("todoke-unsplit-%u", state->unsplit++);
  g_object_set_data_full (G_OBJECT (state->message->root), key, part, g_object_unref);
  if (GMIME_IS_MULTIPART (part) && g_mime_multipart_get_count (GMIME_MULTIPART (part)) > 0)
    walk (state, part, depth + 1);
}

static void
walk (WalkState   *state,
      GMimeObject *object,
      guint        depth)
{
  TodokeMessage *message = state->message;
  GMimeContentType *type;

  if (object == NULL)
    return;
  if (depth > TODOKE_MAX_MIME_DEPTH)
    {
      message->truncated |= TODOKE_TRUNCATION_DEPTH;
      return;
    }
  if (++state->parts > TODOKE_MAX_MIME_PARTS)
    {
      message->truncated |= TODOKE_TRUNCATION_PARTS;
      return;
    }

  type = g_mime_object_get_content_type (object);

  if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);
      int i, n = g_mime_multipart_get_count (multipart);

      if (g_mime_content_type_is_type (type, "multipart", "report"))
        message->has_report = TRUE;
      if (n == 0)
        walk_unsplit (state, g_mime_multipart_get_prologue (multipart), depth);
      for (i = 0; i < n; i++)
        walk (state, g_mime_multipart_get_part (multipart, i), depth + 1);
      return;
    }

  if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));

      /* The returned original: keep its headers, never read it as the report. */
      if (message->original == NULL && inner != NULL)
        message->original = GMIME_OBJECT (inner);
      return;
    }

  if (!GMIME_IS_PART (object))
    return;

  if (is_returned_message (type))
    {
      /* An attached message GMime was told to leave unparsed
       * (_todoke_message_keep_originals_unparsed()): its headers are all
       * that is needed of it. */
      if (message->original == NULL && message->original_headers == NULL)
        message->original_headers = part_header_block (GMIME_PART (object));
    }
  else if (g_mime_content_type_is_type (type, "message", "delivery-status") ||
           g_mime_content_type_is_type (type, "message", "global-delivery-status"))
    {
      g_ptr_array_add (message->dsn_parts, part_text (GMIME_PART (object)));
    }
  else if (g_mime_content_type_is_type (type, "message", "feedback-report"))
    {
      if (message->feedback_report == NULL)
        message->feedback_report = part_text (GMIME_PART (object));
    }
  else if (g_mime_content_type_is_type (type, "text", "rfc822-headers") ||
           g_mime_content_type_is_type (type, "message", "global-headers"))
    {
      if (message->original_headers == NULL)
        message->original_headers = part_text (GMIME_PART (object));
    }
  else if (g_mime_content_type_is_type (type, "text", "html"))
    {
      g_autofree char *text = part_text (GMIME_PART (object));

      if (state->html->len < TODOKE_MAX_TEXT_LENGTH)
        append_html_as_text (state->html, text);
    }
  else if (g_mime_content_type_is_type (type, "text", "*") ||
           g_mime_content_type_is_type (type, "message", "*"))
    {
      g_autofree char *text = NULL;

      if (state->body->len >= TODOKE_MAX_TEXT_LENGTH)
        {
          message->truncated |= TODOKE_TRUNCATION_TEXT;
          return;
        }
      /* A report's attached original as text/plain after the first part is the
       * original message, not the report; multipart/report says part 1 is the report. */
      text = part_text (GMIME_PART (object));
      if (state->body->len > 0)
        g_string_append_c (state->body, '\n');
      g_string_append (state->body, text);
    }
}

/* A parser per thread, reused: creating one allocates its buffers anew,
 * which a bulk run would pay for every message. */
static GPrivate parser_key = G_PRIVATE_INIT (g_object_unref);

static GMimeParser *
reusable_parser (void)
{
  GMimeParser *parser = g_private_get (&parser_key);

  if (parser == NULL)
    {
      parser = g_mime_parser_new ();
      g_private_set (&parser_key, parser);
    }

  return g_object_ref (parser);
}

/* GMime's tree of @bytes, built from no more than the limits allow
 * (todoke-message-limits.c); @truncated says which limit cut it short.
 * GMime is given the message without the header fields nobody reads, and
 * reads it as its top-level MIME part: the part carries the same header
 * fields, and GMime makes no GMimeMessage with its six address lists,
 * parsed from From:, To: and Cc: that nobody reads. */
static GMimeObject *
construct (GBytes           *bytes,
           TodokeTruncation *truncated)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  const char *start = data;
  g_autoptr(GBytes) reduced = NULL;
  gsize length;

  if (data == NULL || size == 0)
    return NULL;

  /* An mbox "From " line before the headers is not a header. */
  if (size > 5 && memcmp (data, "From ", 5) == 0)
    {
      const char *eol = memchr (data, '\n', size);

      if (eol != NULL)
        start = eol + 1;
    }

  reduced = _todoke_message_bounded_copy (start, size - (start - data), &length, truncated);
  if (length == 0)
    return NULL;
  if (reduced != NULL)
    stream = _todoke_bytes_stream_new (reduced, 0, -1);
  else
    stream = _todoke_bytes_stream_new (bytes, start - data, start - data + length);
  parser = reusable_parser ();
  g_mime_parser_init_with_stream (parser, stream);
  g_mime_parser_set_format (parser, GMIME_FORMAT_MESSAGE);

  return g_mime_parser_construct_part (parser, NULL);
}

static char *
decoded_header (GMimeObject *root,
                const char  *name)
{
  const char *value = g_mime_object_get_header (root, name);

  if (value == NULL)
    return g_strdup ("");

  return _todoke_text_make_valid (value, MIN (strlen (value), TODOKE_MAX_FIELD_LENGTH));
}

TodokeMessage *
_todoke_message_parse (GBytes  *bytes,
                       GError **error)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) html = g_string_new (NULL);
  TodokeMessage *message;
  WalkState state = { NULL, body, html, 0, 0 };
  TodokeTruncation truncated = TODOKE_TRUNCATION_NONE;
  GMimeObject *mime;

  mime = construct (bytes, &truncated);
  if (mime == NULL)
    {
      g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT,
                   truncated != TODOKE_TRUNCATION_NONE
                   ? "Not readable within the limits: too many header lines or MIME parts"
                   : "Not an email message: no headers could be read");
      return NULL;
    }

  message = g_new0 (TodokeMessage, 1);
  message->root = mime;
  message->truncated = truncated;
  message->dsn_parts = g_ptr_array_new_with_free_func (g_free);
  message->subject = decoded_header (mime, "Subject");
  message->from = decoded_header (mime, "From");
  message->from_address = _todoke_text_find_address (message->from, -1, NULL);

  state.message = message;
  walk (&state, mime, 0);
  if (body->len == 0 && html->len > 0)
    g_string_append (body, html->str);
  message->body = g_string_free (g_steal_pointer (&body), FALSE);

  return message;
}

void
_todoke_message_free (TodokeMessage *message)
{
  if (message == NULL)
    return;

  g_clear_object (&message->root);
  g_free (message->subject);
  g_free (message->from);
  g_free (message->from_address);
  g_free (message->body);
  g_ptr_array_unref (message->dsn_parts);
  g_free (message->feedback_report);
  g_free (message->original_headers);
  g_clear_pointer (&message->original_fields, g_ptr_array_unref);
  g_free (message->head_bigrams);
  g_free (message);
}

/* A top-level header, decoded; borrowed from the message. */
const char *
_todoke_message_get_header (TodokeMessage *message,
                            const char    *name)
{
  g_return_val_if_fail (_todoke_message_is_read_field (name), NULL);

  return g_mime_object_get_header (message->root, name);
}

/* The byte pairs of the report's first TODOKE_MESSAGE_HEAD_LENGTH bytes. */
const TodokeBigrams *
_todoke_message_get_head_bigrams (TodokeMessage *message)
{
  if (message->head_bigrams == NULL)
    {
      message->head_bigrams = g_new (TodokeBigrams, 1);
      _todoke_bigrams_fill (message->head_bigrams, message->body,
                            strnlen (message->body, TODOKE_MESSAGE_HEAD_LENGTH));
    }

  return message->head_bigrams;
}

/* A top-level header as written, folded and undecoded: enough to look for
 * a marker, without the cost of decoding encoded words. */
const char *
_todoke_message_get_raw_header (TodokeMessage *message,
                                const char    *name)
{
  GMimeHeaderList *list = g_mime_object_get_header_list (message->root);
  GMimeHeader *header;

  g_return_val_if_fail (_todoke_message_is_read_field (name), NULL);
  header = list != NULL ? g_mime_header_list_get_header (list, name) : NULL;

  return header != NULL ? g_mime_header_get_raw_value (header) : NULL;
}

/* A header of the returned original, from the attached message or from a
 * text/rfc822-headers part. */
char *
_todoke_message_dup_original_header (TodokeMessage *message,
                                     const char    *name)
{
  const char *value = NULL;

  if (message->original != NULL)
    value = g_mime_object_get_header (message->original, name);
  if (value == NULL && message->original_headers != NULL)
    {
      /* A text/rfc822-headers part is a plain header block: read it with
       * the DSN field reader, once, and decode encoded words on request. */
      if (message->original_fields == NULL)
        message->original_fields = _todoke_fields_parse (message->original_headers, TRUE, NULL);
      value = _todoke_fields_get (message->original_fields, name);
      if (value != NULL)
        {
          char *decoded = g_mime_utils_header_decode_text (NULL, value);
          char *valid = _todoke_text_make_valid (decoded, -1);

          g_free (decoded);
          return valid;
        }
    }

  return g_strdup (value);
}

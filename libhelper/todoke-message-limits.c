/* todoke-message-limits.c: bound what GMime is asked to build
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * GMime builds an object per header and per part before any limit of ours
 * can look at the tree: a 7 MB message of a million empty parts costs
 * seconds and gigabytes. One linear pass over the lines first counts what
 * GMime would build (header lines, part delimiters, nesting) and finds the
 * byte where the first limit is passed; GMime is then given only the bytes
 * before it (RFC 2046 §5.1.1: a part starts at a delimiter line, "--"
 * followed by a boundary declared by an enclosing Content-Type).
 *
 * The same pass can also copy the message without the header fields
 * nobody reads (_todoke_message_bounded_copy()): GMime makes a GObject of
 * every field, and a bounce carries dozens of Received:, DKIM and X-
 * fields at the top and descriptions in its parts. The headers of an
 * attached message are kept whole: they are read as the original's.
 */

#include "config.h"

#include <string.h>

#include "todoke-message-private.h"

/* Longest boundary looked up: RFC 2046 allows 70 characters. */
#define MAX_BOUNDARY_LENGTH 200

/* The top-level header fields the readers ask for, by
 * _todoke_message_get_header() and _todoke_message_get_raw_header(). Of
 * repeated fields GMime answers with the first, so only the first of each
 * is kept. Asking for a field not listed here is a programming error (a
 * critical warning): add it. */
static const char * const read_fields[] = {
  "Subject", "From", "To", "Received", "Auto-Submitted", "Precedence",
  "X-Apple-Unsubscribe", "X-Autoreply", "X-Autorespond", "X-Failed-Recipients",
  "x-amz-sns-message-id", "X-ML-Name", "X-MLServer", "X-Mailer",
};

/* Which header block a line belongs to. */
typedef enum
{
  BLOCK_TOP,       /* the message's own header */
  BLOCK_PART,      /* a MIME part's header, after a delimiter */
  BLOCK_MESSAGE,   /* an attached message's header: kept whole */
} Block;

typedef struct
{
  const char *data;
  char       *out;              /* the copy, once a line is left out */
  gsize       used;
  const char *copied;           /* bytes of data before this are in out */
  gboolean    dropping;         /* the field being read is left out */
  guint       seen;             /* read_fields met in the top block */
} Copy;

typedef struct
{
  GHashTable *boundaries;       /* boundary → its depth, as GUINT_TO_POINTER */
  gsize       shortest;         /* length of the shortest and longest boundary */
  gsize       longest;
  guint       parts;
  guint       header_lines;
  guint       level;            /* nesting of the header block being read */
  gboolean    in_headers;
  gboolean    in_content_type;  /* on a Content-Type field or its folded lines */
  gboolean    message_follows;  /* the block declares an attached message */
  Block       block;
  Copy       *copy;             /* nullable: leave unread fields out */
} Scan;

static int
read_field_index (const char *name,
                  gsize       length)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (read_fields); i++)
    if (strlen (read_fields[i]) == length && g_ascii_strncasecmp (read_fields[i], name, length) == 0)
      return i;

  return -1;
}

/* Whether @name is a top-level field kept for the readers. */
gboolean
_todoke_message_is_read_field (const char *name)
{
  return read_field_index (name, strlen (name)) >= 0;
}

/* Whether a field line (not a continuation) of @block is one GMime or a
 * reader needs: Content-Type and Content-Transfer-Encoding of a part; of
 * the top block those, MIME-Version and the first of each read field. A
 * line that is no field is left for GMime to judge. */
static gboolean
keep_field (Block       block,
            const char *line,
            gsize       length,
            guint      *seen)
{
  const char *colon = memchr (line, ':', length);
  gsize n;
  int index;

  if (colon == NULL)
    return TRUE;
  for (n = colon - line; n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'); n--)
    ;
  if ((n == 12 && g_ascii_strncasecmp (line, "Content-Type", n) == 0) ||
      (n == 25 && g_ascii_strncasecmp (line, "Content-Transfer-Encoding", n) == 0))
    return TRUE;
  if (block == BLOCK_PART)
    return FALSE;
  if ((n >= 8 && g_ascii_strncasecmp (line, "Content-", 8) == 0) ||
      (n == 12 && g_ascii_strncasecmp (line, "MIME-Version", n) == 0))
    return TRUE;
  if ((index = read_field_index (line, n)) < 0 || (*seen & (1u << index)) != 0)
    return FALSE;
  *seen |= 1u << index;

  return TRUE;
}

/* Leaves the line from @line to @next out of the copy. */
static void
drop_line (Copy       *copy,
           const char *line,
           const char *next,
           gsize       size)
{
  if (copy->out == NULL)
    {
      copy->out = g_malloc (size);
      copy->copied = copy->data;
    }
  memcpy (copy->out + copy->used, copy->copied, line - copy->copied);
  copy->used += line - copy->copied;
  copy->copied = next;
}

static gboolean
is_content_type (const char *line,
                 gsize       length)
{
  return length >= 13 && (line[0] == 'C' || line[0] == 'c') &&
         g_ascii_strncasecmp (line, "content-type:", 13) == 0;
}

/* Where @needle (lower case) starts in the @length bytes of @line,
 * ignoring case. */
static const char *
find_nocase (const char *line,
             gsize       length,
             const char *needle)
{
  gsize n = strlen (needle);
  gsize i;

  for (i = 0; i + n <= length; i++)
    if (g_ascii_tolower (line[i]) == needle[0] && g_ascii_strncasecmp (line + i, needle, n) == 0)
      return line + i;

  return NULL;
}

/* The start of the next line that begins with "--", or NULL. Bodies are
 * mostly base64 or prose, with few '-': look for those, not for lines. */
static const char *
next_dash_line (const char *p,
                const char *end)
{
  while (p < end && (p = memchr (p, '-', end - p)) != NULL)
    {
      if (p[-1] == '\n' && p + 1 < end && p[1] == '-')
        return p;
      p += p + 1 < end && p[1] == '-' ? 2 : 1;
    }

  return NULL;
}

/* Registers the boundary a Content-Type line declares, one level deeper. */
static void
note_boundary (Scan       *scan,
               const char *line,
               gsize       length)
{
  const char *value = find_nocase (line, length, "boundary=");
  const char *end = line + length;
  const char *stop;

  if (value == NULL)
    return;
  value += strlen ("boundary=");
  if (value < end && *value == '"')
    {
      value++;
      stop = memchr (value, '"', end - value);
    }
  else
    {
      for (stop = value; stop < end && *stop != ';' && *stop != ' ' && *stop != '\t' && *stop != '\r'; stop++)
        ;
    }
  if (stop == NULL)
    stop = end;
  if (stop > value && stop - value <= MAX_BOUNDARY_LENGTH)
    {
      gsize n = stop - value;

      if (scan->boundaries == NULL)
        {
          scan->boundaries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          scan->shortest = n;
        }
      scan->shortest = MIN (scan->shortest, n);
      scan->longest = MAX (scan->longest, n);
      g_hash_table_insert (scan->boundaries, g_strndup (value, n), GUINT_TO_POINTER (scan->level + 1));
    }
}

/* The depth of the boundary a "--" line delimits, or 0 if it is none;
 * @closing says whether it is the final "--boundary--". */
static guint
delimiter_depth (Scan       *scan,
                 const char *line,
                 gsize       length,
                 gboolean   *closing)
{
  char token[MAX_BOUNDARY_LENGTH + 1];
  gpointer depth;

  *closing = FALSE;
  while (length > 2 && (line[length - 1] == ' ' || line[length - 1] == '\t' || line[length - 1] == '\r'))
    length--;
  /* "--" boundary, or "--" boundary "--": no lookup for other lengths. */
  if (length < scan->shortest + 2 || length > scan->longest + 4)
    return 0;
  memcpy (token, line + 2, length - 2);
  token[length - 2] = '\0';
  if ((depth = g_hash_table_lookup (scan->boundaries, token)) != NULL)
    return GPOINTER_TO_UINT (depth);
  if (length > 4 && line[length - 1] == '-' && line[length - 2] == '-')
    {
      token[length - 4] = '\0';
      if ((depth = g_hash_table_lookup (scan->boundaries, token)) != NULL)
        {
          *closing = TRUE;
          return GPOINTER_TO_UINT (depth);
        }
    }

  return 0;
}

/* Reads one line of a header block; FALSE when it passes a limit. */
static gboolean
scan_header_line (Scan             *scan,
                  const char       *line,
                  gsize             length,
                  TodokeTruncation *truncated)
{
  if (length == 0 || (length == 1 && line[0] == '\r'))
    {
      /* The block ends; an attached message's own headers follow it. */
      scan->in_headers = scan->message_follows;
      if (scan->message_follows)
        {
          scan->level++;
          scan->block = BLOCK_MESSAGE;
        }
      scan->message_follows = FALSE;
      scan->in_content_type = FALSE;
      return TRUE;
    }
  if (++scan->header_lines > TODOKE_MAX_HEADER_LINES)
    {
      *truncated |= TODOKE_TRUNCATION_HEADERS;
      return FALSE;
    }
  if (line[0] != ' ' && line[0] != '\t')
    scan->in_content_type = is_content_type (line, length);
  if (scan->in_content_type)
    {
      const char *type = find_nocase (line, length, "message/");
      gsize rest = type != NULL ? line + length - type - 8 : 0;

      note_boundary (scan, line, length);
      if (type != NULL &&
          ((rest >= 6 && (g_ascii_strncasecmp (type + 8, "rfc822", 6) == 0 ||
                          g_ascii_strncasecmp (type + 8, "global", 6) == 0)) ||
           (rest >= 4 && g_ascii_strncasecmp (type + 8, "news", 4) == 0)))
        scan->message_follows = TRUE;
    }
  if (scan->boundaries != NULL && g_hash_table_size (scan->boundaries) > TODOKE_MAX_MIME_PARTS)
    {
      *truncated |= TODOKE_TRUNCATION_PARTS;
      return FALSE;
    }

  return TRUE;
}

/* Reads a delimiter line; FALSE when it passes a limit. */
static gboolean
scan_delimiter (Scan             *scan,
                guint             depth,
                gboolean          closing,
                TodokeTruncation *truncated)
{
  if (closing)
    {
      scan->level = depth - 1;
      scan->in_headers = FALSE;
      return TRUE;
    }
  if (++scan->parts > TODOKE_MAX_MIME_PARTS)
    {
      *truncated |= TODOKE_TRUNCATION_PARTS;
      return FALSE;
    }
  if (depth > TODOKE_MAX_MIME_DEPTH)
    {
      *truncated |= TODOKE_TRUNCATION_DEPTH;
      return FALSE;
    }
  scan->level = depth;
  scan->block = BLOCK_PART;
  scan->in_headers = TRUE;
  scan->message_follows = FALSE;
  scan->in_content_type = FALSE;

  return TRUE;
}

/* Whether the header line from @line to @next is left out of the copy. */
static void
copy_header_line (Scan       *scan,
                  const char *line,
                  gsize       length,
                  const char *next,
                  gsize       size)
{
  Copy *copy = scan->copy;

  if (length == 0 || (length == 1 && line[0] == '\r'))
    {
      copy->dropping = FALSE;
      return;
    }
  if (scan->block == BLOCK_MESSAGE)
    return;
  if (line[0] != ' ' && line[0] != '\t')
    copy->dropping = !keep_field (scan->block, line, length, &copy->seen);
  if (copy->dropping)
    drop_line (copy, line, next, size);
}

/* The scan; with @copy, also the copy without unread fields. */
static gsize
scan_message (const char       *data,
              gsize             size,
              Copy             *copy,
              TodokeTruncation *truncated)
{
  Scan scan = { NULL, 0, 0, 0, 0, 0, TRUE, FALSE, FALSE, BLOCK_TOP, copy };
  const char *line = data;
  const char *end = data + size;
  gsize result = size;

  while (line < end)
    {
      const char *eol;
      gsize length;
      gboolean closing;
      guint depth;

      /* In a body only delimiter lines count: jump from one "--" line
       * start to the next, and stop when no boundary is declared. */
      if (!scan.in_headers && !(end - line >= 2 && line[0] == '-' && line[1] == '-'))
        {
          if (scan.boundaries == NULL || (line = next_dash_line (line + 1, end)) == NULL)
            break;
        }
      eol = memchr (line, '\n', end - line);
      length = (eol != NULL ? eol : end) - line;
      if (length >= 3 && line[0] == '-' && line[1] == '-' && scan.boundaries != NULL &&
          (depth = delimiter_depth (&scan, line, length, &closing)) > 0)
        {
          if (!scan_delimiter (&scan, depth, closing, truncated))
            {
              result = line - data;
              break;
            }
          if (copy != NULL)
            copy->dropping = FALSE;
        }
      else if (scan.in_headers)
        {
          Block block = scan.block;

          if (!scan_header_line (&scan, line, length, truncated))
            {
              result = line - data;
              break;
            }
          if (copy != NULL)
            {
              Block after = scan.block;

              /* The blank line ending a block is judged by the block it ends. */
              scan.block = block;
              copy_header_line (&scan, line, length, eol != NULL ? eol + 1 : end, size);
              scan.block = after;
            }
        }
      if (eol == NULL)
        break;
      line = eol + 1;
    }
  g_clear_pointer (&scan.boundaries, g_hash_table_unref);

  return result;
}

/*
 * _todoke_message_bounded_length:
 * @data: the message, from its first header line
 * @size: its length in bytes
 * @truncated: (inout): limits reached are added here
 *
 * How many bytes of @data GMime may parse without building more than
 * %TODOKE_MAX_HEADER_LINES header lines, %TODOKE_MAX_MIME_PARTS parts or
 * parts nested deeper than %TODOKE_MAX_MIME_DEPTH: @size when the message
 * stays within them, else the start of the line that passes one. Linear
 * in @size; allocates only the boundaries it meets.
 */
gsize
_todoke_message_bounded_length (const char       *data,
                                gsize             size,
                                TodokeTruncation *truncated)
{
  return scan_message (data, size, NULL, truncated);
}

/*
 * _todoke_message_bounded_copy:
 * @data: the message, from its first header line
 * @size: its length in bytes
 * @length: (out): the bounded length, as _todoke_message_bounded_length()
 * @truncated: (inout): limits reached are added here
 *
 * The first @length bytes of @data without the header fields no reader
 * and no part of GMime's tree needs, or %NULL when there are none.
 */
GBytes *
_todoke_message_bounded_copy (const char       *data,
                              gsize             size,
                              gsize            *length,
                              TodokeTruncation *truncated)
{
  Copy copy = { data, NULL, 0, data, FALSE, 0 };
  const char *end;

  *length = scan_message (data, size, &copy, truncated);
  if (copy.out == NULL)
    return NULL;
  end = data + *length;
  if (copy.copied < end)
    {
      memcpy (copy.out + copy.used, copy.copied, end - copy.copied);
      copy.used += end - copy.copied;
    }

  return g_bytes_new_take (copy.out, copy.used);
}

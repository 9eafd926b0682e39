/* todoke-cli-input.c: what `todoke classify` reads: folders, lists, files, stdin
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is bounded: a folder is read once however many links
 * lead to it, only regular files are read, a list has a longest line and
 * a most entries, and a file or standard input is cut off at --max-size
 * while it is read, in 64-bit sizes.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "todoke-cli.h"

/* Deepest folder nesting walked. */
#define MAX_WALK_DEPTH 32

struct _TodokeCliInputs
{
  GPtrArray    *paths;   /* (element-type filename) in order, borrowed from names */
  GStringChunk *names;   /* a million names in a few allocations */
  GHashTable *seen;      /* "device:inode" of every folder and file listed */
  guint       refused;   /* entries that could not or would not be read */
};

TodokeCliInputs *
todoke_cli_inputs_new (void)
{
  TodokeCliInputs *inputs = g_new0 (TodokeCliInputs, 1);

  inputs->paths = g_ptr_array_new ();
  inputs->names = g_string_chunk_new (65536);
  inputs->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return inputs;
}

void
todoke_cli_inputs_free (TodokeCliInputs *inputs)
{
  g_ptr_array_unref (inputs->paths);
  g_string_chunk_free (inputs->names);
  g_hash_table_unref (inputs->seen);
  g_free (inputs);
}

GPtrArray *
todoke_cli_inputs_get_paths (TodokeCliInputs *inputs)
{
  return inputs->paths;
}

guint
todoke_cli_inputs_get_refused (TodokeCliInputs *inputs)
{
  return inputs->refused;
}

/* TRUE the first time the object behind @st is met. */
static gboolean
first_visit (TodokeCliInputs *inputs,
             const GStatBuf  *st)
{
  char *key = g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                               (guint64) st->st_dev, (guint64) st->st_ino);

  return g_hash_table_add (inputs->seen, key);
}

static const char *
describe_type (mode_t mode)
{
  if (S_ISFIFO (mode))
    return _("a FIFO");
  if (S_ISSOCK (mode))
    return _("a socket");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("a device");

  return _("not a regular file");
}

static gboolean
is_maildir (const char *path)
{
  g_autofree char *cur = g_build_filename (path, "cur", NULL);
  g_autofree char *new = g_build_filename (path, "new", NULL);

  return g_file_test (cur, G_FILE_TEST_IS_DIR) && g_file_test (new, G_FILE_TEST_IS_DIR);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static void walk_directory (TodokeCliInputs *inputs,
                            const char      *dir,
                            guint            depth);

/* One entry met in a folder, or given on the command line: a folder is
 * walked once however many links lead to it, a regular file met in a
 * folder listed once (one named on the command line is listed as often as
 * it is named). Anything else is listed too, for todoke_cli_read_file() to
 * refuse with a message, without opening it. */
static void
add_entry (TodokeCliInputs *inputs,
           const char      *path,
           guint            depth)
{
  GStatBuf st;
  gboolean known = g_stat (path, &st) == 0;

  if (known && S_ISDIR (st.st_mode))
    {
      if (!first_visit (inputs, &st))
        return;   /* a link back to a folder already read */
      if (depth > MAX_WALK_DEPTH)
        {
          g_printerr (_("todoke: %s: folders nested deeper than %u levels are not read\n"),
                      path, MAX_WALK_DEPTH);
          inputs->refused++;
          return;
        }
      walk_directory (inputs, path, depth);
    }
  else if (!known || !S_ISREG (st.st_mode) || depth == 0 || first_visit (inputs, &st))
    g_ptr_array_add (inputs->paths, g_string_chunk_insert (inputs->names, path));
}

/* Every message file under @dir, sorted, named relative to how @dir was given.
 * A Maildir's tmp/ holds messages still being written: skip it. */
static void
walk_directory (TodokeCliInputs *inputs,
                const char      *dir,
                guint            depth)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) handle = g_dir_open (dir, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean maildir;
  const char *name;
  guint i;

  if (handle == NULL)
    {
      g_printerr ("todoke: %s: %s\n", dir, error->message);
      inputs->refused++;
      return;
    }
  maildir = is_maildir (dir);
  while ((name = g_dir_read_name (handle)) != NULL)
    if (name[0] != '.' && !(maildir && strcmp (name, "tmp") == 0))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);

  for (i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      add_entry (inputs, path, depth + 1);
    }
}

void
todoke_cli_inputs_add (TodokeCliInputs *inputs,
                       const char      *argument)
{
  if (strcmp (argument, "-") == 0)
    g_ptr_array_add (inputs->paths, g_string_chunk_insert (inputs->names, argument));
  else
    add_entry (inputs, argument, 0);
}

/* Adds the lines of @chunk, keeping an unfinished last line in @line. */
static gboolean
add_list_lines (TodokeCliInputs  *inputs,
                GString          *line,
                const char       *chunk,
                gsize             length,
                guint            *count,
                GError          **error)
{
  const char *end = chunk + length;

  while (chunk < end)
    {
      const char *eol = memchr (chunk, '\n', end - chunk);
      gsize n = (eol != NULL ? eol : end) - chunk;

      if (line->len + n > TODOKE_CLI_MAX_LIST_LINE)
        {
          g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT,
                       _("line %u is longer than %u bytes; give one file name per line"),
                       *count + 1, TODOKE_CLI_MAX_LIST_LINE);
          return FALSE;
        }
      g_string_append_len (line, chunk, n);
      if (eol == NULL)
        break;
      if (line->len > 0 && line->str[line->len - 1] == '\r')
        g_string_truncate (line, line->len - 1);
      if (line->len > 0)
        {
          if (++*count > TODOKE_CLI_MAX_LIST_FILES)
            {
              g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT,
                           _("more than %u file names; split the list"), TODOKE_CLI_MAX_LIST_FILES);
              return FALSE;
            }
          /* Named as given, and read as files (a folder is refused then). */
          g_ptr_array_add (inputs->paths, g_string_chunk_insert_len (inputs->names, line->str, line->len));
        }
      g_string_truncate (line, 0);
      chunk = eol + 1;
    }

  return TRUE;
}

/* Reads a list of file names, one a line, from @list or standard input
 * ("-"), a chunk at a time: the list is never held whole in memory, and a
 * line too long or too many names stop the reading with an error. */
gboolean
todoke_cli_inputs_add_list (TodokeCliInputs  *inputs,
                            const char       *list,
                            GError          **error)
{
  g_autoptr(GString) line = g_string_new (NULL);
  char chunk[65536];
  guint count = 0;
  int fd = STDIN_FILENO;
  gboolean ok = TRUE;

  if (strcmp (list, "-") != 0 && (fd = g_open (list, O_RDONLY | O_CLOEXEC, 0)) < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
      return FALSE;
    }
  while (ok)
    {
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
          ok = FALSE;
        }
      else if (n == 0)
        break;
      else
        ok = add_list_lines (inputs, line, chunk, n, &count, error);
    }
  if (ok && line->len > 0)
    ok = add_list_lines (inputs, line, "\n", 1, &count, error);
  if (fd != STDIN_FILENO)
    close (fd);

  return ok;
}

static void
set_too_large (GError  **error,
               guint64   max_size)
{
  g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT,
               _("Input too large (the limit is %llu bytes; see --max-size)"),
               (unsigned long long) max_size);
}

static void
set_errno_error (GError **error,
                 int      saved)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
}

/* Reads @fd to its end into @buffer, refusing more than @max_size bytes
 * as soon as they arrive. */
static gboolean
read_all (int               fd,
          guint64           max_size,
          TodokeCliBuffer  *buffer,
          gsize             expected,
          GError          **error)
{
  gsize length = 0;

  if (buffer->allocated < expected + 1)
    {
      buffer->allocated = MAX (expected + 1, 65536);
      buffer->data = g_realloc (buffer->data, buffer->allocated);
    }
  for (;;)
    {
      gssize n;

      if (length == buffer->allocated)
        {
          if ((guint64) length > max_size)
            break;
          buffer->allocated = (gsize) MIN ((guint64) buffer->allocated * 2, max_size + 1);
          buffer->data = g_realloc (buffer->data, buffer->allocated);
        }
      n = read (fd, buffer->data + length, buffer->allocated - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno);
          return FALSE;
        }
      if (n == 0)
        break;
      length += n;
      /* All the bytes fstat() announced: no need to ask for the end. */
      if (expected > 0 && length == expected)
        break;
    }
  if ((guint64) length > max_size)
    {
      set_too_large (error, max_size);
      return FALSE;
    }
  buffer->length = length;

  return TRUE;
}

/* Reads one file, or standard input for "-", into @buffer, which is reused
 * from file to file: a run over a million bounces allocates once, not once
 * per message. Only regular files are opened for reading: the open itself
 * does not wait (O_NONBLOCK), so a FIFO is refused, never waited for. The
 * bytes returned are valid until the next call. */
GBytes *
todoke_cli_read_file (const char       *path,
                      guint64           max_size,
                      TodokeCliBuffer  *buffer,
                      GError          **error)
{
  GStatBuf st;
  gboolean ok;
  int fd;

  if (strcmp (path, "-") == 0)
    {
      if (!read_all (STDIN_FILENO, max_size, buffer, 0, error))
        return NULL;
      return g_bytes_new_static (buffer->data, buffer->length);
    }
  if ((fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0)) < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      set_errno_error (error, saved);
      return NULL;
    }
  if (S_ISDIR (st.st_mode) || !S_ISREG (st.st_mode))
    {
      close (fd);
      if (S_ISDIR (st.st_mode))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("Is a directory"));
      else
        g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT,
                     _("%s; only regular files are read"), describe_type (st.st_mode));
      return NULL;
    }
  if ((guint64) st.st_size > max_size)
    {
      close (fd);
      g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT,
                   _("File too large (%llu bytes; the limit is %llu bytes; see --max-size)"),
                   (unsigned long long) st.st_size, (unsigned long long) max_size);
      return NULL;
    }
  ok = read_all (fd, max_size, buffer, st.st_size, error);
  close (fd);

  return ok ? g_bytes_new_static (buffer->data, buffer->length) : NULL;
}

/* todoke-native-host.c: serves one Thunderbird connection
 *
 * Reads frames asynchronously on the main context (so D-Bus calls to the
 * desktop app progress while the host waits for Thunderbird), answers
 * each one, then forwards the failure. Ends at the end of input, waiting
 * briefly for Report calls still in flight.
 *
 * With a log path (TODOKE_NATIVE_LOG, for tests and bug reports) every
 * request (its first 4 KiB) and every answer is appended to that file.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "todoke-native-channel.h"
#include "todoke-native-dispatch.h"
#include "todoke-native-forward.h"
#include "todoke-native-host.h"

#define LOG_REQUEST_MAX 4096

typedef struct
{
  GMainLoop            *loop;
  GInputStream         *input;
  GOutputStream        *output;
  TodokeNativeDispatch *dispatch;
  TodokeNativeForward  *forward;
  FILE                 *log;
  guint8                header[4];
  guint8               *body;
  guint32               length;
  int                   status;
} Host;

static void read_header (Host *host);

static void
log_line (Host       *host,
          const char *prefix,
          const char *data,
          gsize       length)
{
  if (host->log == NULL)
    return;
  fprintf (host->log, "%s %.*s\n", prefix, (int) MIN (length, LOG_REQUEST_MAX), data);
  fflush (host->log);
}

static void
stop (Host *host,
      int   status)
{
  host->status = status;
  g_main_loop_quit (host->loop);
}

static gboolean
answer (Host       *host,
        const char *json)
{
  g_autoptr(GError) error = NULL;
  gsize length = strlen (json);

  log_line (host, "<", json, length);
  if (!todoke_native_channel_write (host->output, json, length, NULL, &error))
    {
      g_warning ("Cannot answer Thunderbird: %s", error->message);
      stop (host, 1);
      return FALSE;
    }
  return TRUE;
}

static void
handle_frame (Host   *host,
              GBytes *frame)
{
  g_autoptr(GVariant) report = NULL;
  g_autofree char *json = NULL;
  gsize size;
  const char *data = g_bytes_get_data (frame, &size);

  log_line (host, ">", data, size);
  json = todoke_native_dispatch_handle (host->dispatch, frame, &report);
  if (!answer (host, json))
    return;
  if (report != NULL)
    todoke_native_forward_report (host->forward, report);
  read_header (host);
}

/* Finishes a read; FALSE (and the host stopped) on a read error. */
static gboolean
read_finish (Host         *host,
             GAsyncResult *result,
             gsize        *n_read)
{
  g_autoptr(GError) error = NULL;

  if (g_input_stream_read_all_finish (host->input, result, n_read, &error))
    return TRUE;
  g_warning ("Cannot read from Thunderbird: %s", error->message);
  stop (host, 1);
  return FALSE;
}

static void
body_read (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Host *host = user_data;
  gsize n_read = 0;

  if (!read_finish (host, result, &n_read))
    return;
  if (n_read < host->length)
    {
      g_message ("The input ended inside a frame (%" G_GSIZE_FORMAT " of %u bytes)", n_read, host->length);
      stop (host, 1);
      return;
    }
  handle_frame (host, g_bytes_new_take (g_steal_pointer (&host->body), host->length));
}

/* A frame longer than the limit is answered but not read: the stream
 * cannot be followed past it, so the host stops. */
static void
refuse_frame (Host   *host,
              GError *error)
{
  g_autofree char *json = todoke_native_dispatch_error_answer (NULL, error);

  g_message ("Refused: %s", error->message);
  answer (host, json);
  stop (host, 1);
}

static void
header_read (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Host *host = user_data;
  g_autoptr(GError) error = NULL;
  gsize n_read = 0;

  if (!read_finish (host, result, &n_read))
    return;
  if (n_read == 0)
    {
      stop (host, 0);
      return;
    }
  if (n_read < sizeof host->header)
    {
      g_message ("The input ended inside a frame header");
      stop (host, 1);
      return;
    }
  if (!todoke_native_frame_length (host->header, TODOKE_NATIVE_MAX_FRAME, &host->length, &error))
    {
      refuse_frame (host, error);
      return;
    }
  host->body = g_malloc (MAX (host->length, 1));
  g_input_stream_read_all_async (host->input, host->body, host->length, G_PRIORITY_DEFAULT,
                                 NULL, body_read, host);
}

static void
read_header (Host *host)
{
  g_input_stream_read_all_async (host->input, host->header, sizeof host->header,
                                 G_PRIORITY_DEFAULT, NULL, header_read, host);
}

static gboolean
wait_timed_out (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets Report calls in flight finish, for at most their timeout. */
static void
drain_forward (Host *host)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add (TODOKE_NATIVE_FORWARD_TIMEOUT_MS, wait_timed_out, &timed_out);

  while (!todoke_native_forward_is_idle (host->forward) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
}

/**
 * todoke_native_host_serve:
 * @rules: the rules and guides to classify with
 * @input: frames from Thunderbird
 * @output: frames to Thunderbird
 * @log_path: (nullable): a file to append requests and answers to
 *
 * Answers every frame of @input until its end.
 *
 * Returns: the exit status: 0 at a clean end of input, 1 otherwise
 */
int
todoke_native_host_serve (TodokeRuleSet *rules,
                          GInputStream  *input,
                          GOutputStream *output,
                          const char    *log_path)
{
  Host host = { 0, };

  host.loop = g_main_loop_new (NULL, FALSE);
  host.input = input;
  host.output = output;
  host.dispatch = todoke_native_dispatch_new (rules);
  host.forward = todoke_native_forward_new ();
  if (log_path != NULL && (host.log = fopen (log_path, "a")) == NULL)
    g_warning ("Cannot open the log %s: %s", log_path, g_strerror (errno));

  read_header (&host);
  g_main_loop_run (host.loop);
  drain_forward (&host);

  todoke_native_forward_free (host.forward);
  todoke_native_dispatch_free (host.dispatch);
  g_free (host.body);
  if (host.log != NULL)
    fclose (host.log);
  g_main_loop_unref (host.loop);
  return host.status;
}

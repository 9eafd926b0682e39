/* todoke-probe-step.c: a deadline for one network step
 *
 * GIO's blocking calls stop when their GCancellable is cancelled, at any
 * point (connect, TLS handshake, read); socket timeouts only count whole
 * seconds and not every layer uses them. A step is a cancellable that a
 * timer cancels after a number of milliseconds, and that also follows
 * the check's own cancellable. The timers run on one private thread with
 * its own main context, so they fire whatever the caller's main loop does.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "todoke-probe-private.h"

struct _TodokeStep
{
  GCancellable *cancellable;     /* owned */
  GCancellable *parent;          /* owned, nullable */
  gulong        parent_handler;
  GSource      *timer;           /* owned */
  gint          fired;           /* atomic */
};

static gpointer
timer_thread (gpointer data)
{
  GMainContext *context = data;

  while (TRUE)
    g_main_context_iteration (context, TRUE);

  return NULL;
}

static GMainContext *
timer_context (void)
{
  static GMainContext *context;

  if (g_once_init_enter (&context))
    {
      GMainContext *created = g_main_context_new ();

      g_thread_unref (g_thread_new ("todoke-probe-timer", timer_thread, created));
      g_once_init_leave (&context, created);
    }

  return context;
}

static gboolean
step_expired (gpointer data)
{
  TodokeStep *step = data;

  g_atomic_int_set (&step->fired, TRUE);
  g_cancellable_cancel (step->cancellable);

  return G_SOURCE_REMOVE;
}

static void
parent_cancelled (GCancellable *parent,
                  gpointer      data)
{
  GCancellable *cancellable = data;

  g_cancellable_cancel (cancellable);
}

static void
step_clear (TodokeStep *step)
{
  g_object_unref (step->cancellable);
}

static void
step_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, (GDestroyNotify) step_clear);
}

TodokeStep *
_todoke_step_new (GCancellable *parent,
                  guint         timeout_ms)
{
  TodokeStep *step = g_atomic_rc_box_new0 (TodokeStep);

  step->cancellable = g_cancellable_new ();
  if (parent != NULL)
    {
      step->parent = g_object_ref (parent);
      step->parent_handler = g_cancellable_connect (parent, G_CALLBACK (parent_cancelled),
                                                    g_object_ref (step->cancellable),
                                                    g_object_unref);
    }
  step->timer = g_timeout_source_new (MAX (1, timeout_ms));
  /* The timer thread may be running the callback while the step is
   * freed: the source holds its own reference. */
  g_source_set_callback (step->timer, step_expired, g_atomic_rc_box_acquire (step), step_unref);
  g_source_attach (step->timer, timer_context ());

  return step;
}

GCancellable *
_todoke_step_get_cancellable (TodokeStep *step)
{
  return step->cancellable;
}

/* Turns the "cancelled" of an expired step into G_IO_ERROR_TIMED_OUT. */
void
_todoke_step_check (TodokeStep  *step,
                    GError     **error)
{
  if (error == NULL || *error == NULL || !g_atomic_int_get (&step->fired) ||
      !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (step->parent != NULL && g_cancellable_is_cancelled (step->parent))
    return;
  g_clear_error (error);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "no answer in time");
}

void
_todoke_step_free (TodokeStep *step)
{
  if (step == NULL)
    return;
  g_source_destroy (step->timer);
  g_clear_pointer (&step->timer, g_source_unref);
  if (step->parent != NULL)
    g_cancellable_disconnect (step->parent, step->parent_handler);
  g_clear_object (&step->parent);
  step_unref (step);
}

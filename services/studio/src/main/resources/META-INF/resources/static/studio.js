// Starloom studio: the little the pages need beyond HTML. Loaded as a file (the CSP allows no inline script).
"use strict";

// The character count as the user types, in Unicode code points like the scheduler's limit.
function watchCount(area) {
  const output = document.getElementById("text-count");
  const limit = Number(area.dataset.limit);
  const update = () => {
    const count = Array.from(area.value).length;
    output.textContent = count + " / " + limit;
    output.classList.toggle("over", count > limit);
    area.setAttribute("aria-invalid", String(count > limit));
  };
  area.addEventListener("input", update);
  update();
}

// A story in progress: every change arrives over the studio's SSE stream; the page reloads once the story ends,
// so that the film or the failure is rendered by the server.
function watchStory(article) {
  const labels = {};
  document.querySelectorAll("#state-labels li").forEach((li) => { labels[li.dataset.state] = li.textContent; });
  const label = (state) => labels[state] || state;
  const events = new EventSource("/stories/" + encodeURIComponent(article.dataset.story) + "/events");
  events.onmessage = (message) => {
    const story = JSON.parse(message.data);
    const state = document.getElementById("state");
    state.textContent = label(story.state);
    state.dataset.state = story.state;
    state.className = "state state-" + story.state;
    document.getElementById("progress").value = story.progressPercent;
    document.getElementById("progress-text").textContent = story.progressPercent + "%";
    if (story.title) {
      document.getElementById("story-title").textContent = story.title;
    }
    showQueue(story);
    showShots(story, label);
    if (["COMPLETED", "FAILED", "REJECTED", "CANCELED", "IN_REVIEW"].includes(story.state)) {
      events.close();
      window.setTimeout(() => window.location.reload(), 300);
    }
  };
}

// The story's place in line (scheduling.queuePosition: other stories' shots ahead) and when its generation is
// expected to end (scheduling.generationEta, an instant), shown in the browser's own time zone.
function showQueue(story) {
  const queue = document.getElementById("queue");
  const scheduling = story.scheduling || {};
  const parts = [];
  if (scheduling.queuePosition > 0) {
    parts.push(queue.dataset.labelPosition.replace("#", scheduling.queuePosition));
  }
  if (scheduling.generationEta) {
    const eta = new Date(scheduling.generationEta);
    parts.push(queue.dataset.labelEta.replace("#", eta.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })));
  }
  queue.textContent = parts.join(" · ");
}

// One line per shot; each shot's change carries the story's updateTime and the moment the page showed it
// (data-event-time, data-shown-at), which the studio's benchmark reads.
function showShots(story, label) {
  const list = document.getElementById("shots");
  (story.shots || []).forEach((shot) => {
    let item = list.querySelector('li[data-index="' + shot.index + '"]');
    if (!item) {
      item = document.createElement("li");
      item.dataset.index = shot.index;
      ["shot-thumb", "shot-state", "shot-narration", "shot-duration"].forEach((name) => {
        const span = document.createElement("span");
        span.className = name;
        item.appendChild(span);
      });
      // A change may name only some shots: keep the list in storyboard order whatever order they come in.
      const next = Array.from(list.children).find((other) => Number(other.dataset.index) > shot.index);
      list.insertBefore(item, next || null);
    }
    if (item.dataset.state !== shot.state) {
      item.dataset.state = shot.state;
      item.dataset.eventTime = story.updateTime;
      item.dataset.shownAt = new Date().toISOString();
    }
    showThumbnail(story, shot, item, list.dataset.thumbnailLabel);
    const stateSpan = item.querySelector(".shot-state");
    stateSpan.textContent = label(shot.state) + (shot.attempt > 1 ? " ×" + shot.attempt : "");
    stateSpan.className = "shot-state state-" + shot.state;
    item.querySelector(".shot-narration").textContent = shot.narration || "";
    item.querySelector(".shot-duration").textContent = shot.durationSeconds ? shot.durationSeconds + " s" : "";
  });
}

// A shot's thumbnail once its clip exists (thumbnailUri), fetched through the studio; the attempt in the address
// makes a regenerated shot's new picture bypass the cache. data-thumb-event-time / data-thumb-shown-at: the story
// change that brought it and when the picture was on screen, for the studio's benchmark.
function showThumbnail(story, shot, item, altLabel) {
  if (!shot.thumbnailUri) {
    return;
  }
  const src = "/stories/" + encodeURIComponent(story.id) + "/shots/" + shot.index + "/thumbnail?attempt=" + shot.attempt;
  let img = item.querySelector(".shot-thumb img");
  if (img && img.getAttribute("src") === src) {
    return;
  }
  if (!img) {
    img = document.createElement("img");
    img.width = 160;
    img.height = 90;
    img.alt = altLabel;
    item.querySelector(".shot-thumb").appendChild(img);
  }
  img.dataset.thumbEventTime = story.updateTime;
  img.addEventListener("load", () => { img.dataset.thumbShownAt = new Date().toISOString(); }, { once: true });
  img.src = src;
}

document.addEventListener("DOMContentLoaded", () => {
  const area = document.querySelector("textarea[data-limit]");
  if (area) {
    watchCount(area);
  }
  const article = document.querySelector("article[data-live]");
  if (article) {
    watchStory(article);
  }
});

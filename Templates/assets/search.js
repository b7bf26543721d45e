// The search page: Pagefind's UI over the index `make site` builds into pagefind/.
// A query in the address (/sok/?q=ambulans, as the header's search field sends it) is run at once.
(function () {
  "use strict";
  if (typeof PagefindUI === "undefined") {
    var box = document.getElementById("sok");
    var note = document.createElement("p");
    note.textContent = "Sökindexet saknas i den här versionen av webbplatsen. Använd listorna över regioner och överenskommelser.";
    box.appendChild(note);
    return;
  }
  var ui = new PagefindUI({
    element: "#sok", showSubResults: true, showImages: false, resetStyles: false,
    translations: { placeholder: "Sök region, överenskommelse, villkor …", zero_results: "Inga träffar för [SEARCH_TERM]" }
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();

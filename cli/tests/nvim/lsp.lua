-- Driven by cli/tests/nvim.rs: Neovim, headless and without configuration, starts
-- `kataster lsp` on a buffer that was never written, waits for its diagnostics, applies the
-- first quick fix and writes what it saw to $KATASTER_NVIM_OUT as JSON.
local bin = os.getenv("KATASTER_BIN")
local root = os.getenv("KATASTER_ROOT")
local out = os.getenv("KATASTER_NVIM_OUT")
local result = { nvim = tostring(vim.version().major) .. "." .. tostring(vim.version().minor) }

local function finish()
  local file = assert(io.open(out, "w"))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd("qall!")
end

local ok, problem = pcall(function()
  local path = root .. "/catalog-info.yaml"
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, {
    "apiVersion: backstage.io/v1alpha1",
    "kind: Component",
    "metadata:",
    "  name: Phippy Web",
    "spec:",
    "  type: website",
    "  lifecycle: production",
    "  owner: team-a",
  })
  vim.bo[buf].filetype = "yaml"

  local config = { name = "kataster", cmd = { bin, "lsp" }, root_dir = root }
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config)
    result.started_with = "vim.lsp.start"
  else
    -- Neovim 0.7 (Debian 12) has no vim.lsp.start: what it wraps.
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, client_id)
    result.started_with = "vim.lsp.start_client"
  end

  local function codes()
    local found = {}
    for _, diagnostic in ipairs(vim.diagnostic.get(buf)) do
      local lsp = diagnostic.user_data and diagnostic.user_data.lsp or {}
      table.insert(found, diagnostic.code or lsp.code or diagnostic.message)
    end
    table.sort(found)
    return found
  end

  result.diagnosed = vim.wait(20000, function()
    return #vim.diagnostic.get(buf) > 0
  end, 20)
  result.before = codes()

  local name = nil
  for _, diagnostic in ipairs(vim.diagnostic.get(buf)) do
    local lsp = diagnostic.user_data and diagnostic.user_data.lsp or {}
    if (diagnostic.code or lsp.code) == "CAT006" then
      name = diagnostic
    end
  end
  if name == nil then
    return
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = {
      start = { line = name.lnum, character = name.col },
      ["end"] = { line = name.end_lnum, character = name.end_col },
    },
    context = { diagnostics = {}, only = { "quickfix" } },
  }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000) or {}
  local response = responses[client_id] or {}
  local action = (response.result or {})[1]
  if action == nil then
    result.error = "no code action: " .. vim.inspect(responses)
    return
  end
  result.title = action.title
  vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
  result.text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
  -- The server checks the changed buffer: the name's diagnostic goes away.
  result.cleared = vim.wait(20000, function()
    return not vim.tbl_contains(codes(), "CAT006")
  end, 20)
  result.after = codes()
  result.modified = vim.bo[buf].modified
end)
if not ok then
  result.error = tostring(problem)
end
finish()

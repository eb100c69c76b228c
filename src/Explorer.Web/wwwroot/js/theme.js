// Persists the light/dark choice for the next visit (read by App.razor during prerendering).
export function saveTheme(name, value) {
  document.cookie = `${name}=${value}; path=/; max-age=31536000; samesite=lax`;
}

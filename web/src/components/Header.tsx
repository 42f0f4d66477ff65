import { Link, NavLink } from 'react-router-dom';
import { useAuth } from '../auth/useAuth';
import { useCart } from '../cart/useCart';
import { SearchBox } from './SearchBox';

function CartLink() {
  const { data } = useCart();
  const count = data?.itemCount ?? 0;
  return (
    <NavLink to="/cart" className="header__cart" aria-label={`Cart, ${count} ${count === 1 ? 'item' : 'items'}`}>
      Cart <span className="header__count" data-testid="cart-count">{count}</span>
    </NavLink>
  );
}

function AccountLinks() {
  const { user, signOut } = useAuth();
  if (!user) {
    return (
      <>
        <NavLink to="/signin">Sign in</NavLink>
        <NavLink to="/register">Create account</NavLink>
      </>
    );
  }
  return (
    <>
      <NavLink to="/account">Hi, {user.name.split(' ')[0] || 'there'}</NavLink>
      <NavLink to="/account/orders">Orders</NavLink>
      <button type="button" className="link-button" onClick={() => void signOut()}>
        Sign out
      </button>
    </>
  );
}

export function Header() {
  return (
    <header className="header">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <div className="header__inner">
        <Link to="/" className="header__logo">
          UltraMarket
        </Link>
        <SearchBox />
        <nav className="header__nav" aria-label="Account">
          <AccountLinks />
          <CartLink />
        </nav>
      </div>
    </header>
  );
}
